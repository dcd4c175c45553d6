package org.jgrub.config.bls;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Boot Loader Specification Type #1 entry ({@code /loader/entries/NAME.conf}): {@code KEY
 * VALUE} lines, {@code #} comments; {@code initrd}, {@code options}, {@code grub_class} and
 * {@code grub_arg} may repeat. Keys jgrub does not use ({@code devicetree}, ...) are ignored.
 *
 * @param fileName the file name, with ".conf"
 * @param options every {@code options} line joined by a space, as the specification says
 * @param lines the file's non-blank lines as written (trimmed), for the menu's editor
 */
public record BlsEntry(
    String fileName,
    String title,
    String version,
    String machineId,
    String sortKey,
    String linux,
    String efi,
    List<String> initrds,
    String options,
    String architecture,
    String grubUsers,
    List<String> grubClasses,
    List<String> grubArgs,
    List<String> lines) {

  public BlsEntry {
    lines = List.copyOf(lines);
    initrds = List.copyOf(initrds);
    grubClasses = List.copyOf(grubClasses);
    grubArgs = List.copyOf(grubArgs);
  }

  /** The file name without ".conf": the entry id GRUB's blscfg gives the menu entry. */
  public String id() {
    return fileName.endsWith(".conf") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }

  /** Parses an entry file; values are trimmed, text is UTF-8 where valid (else Latin-1). */
  public static BlsEntry parse(String fileName, byte[] bytes) {
    String text = decode(bytes);
    String title = null;
    String version = null;
    String machineId = null;
    String sortKey = null;
    String linux = null;
    String efi = null;
    String arch = null;
    String users = null;
    List<String> initrds = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    List<String> args = new ArrayList<>();
    StringBuilder options = new StringBuilder();
    List<String> lines = new ArrayList<>();
    int n = text.length();
    int p = 0;
    while (p < n) {
      int nl = text.indexOf('\n', p);
      int end = nl < 0 ? n : nl;
      int s = p;
      p = end + 1;
      while (s < end && isBlank(text.charAt(s))) {
        s++;
      }
      int e = end;
      while (e > s && isBlank(text.charAt(e - 1))) {
        e--;
      }
      if (s >= e) {
        continue;
      }
      lines.add(text.substring(s, e));
      if (text.charAt(s) == '#') {
        continue;
      }
      int k = s;
      while (k < e && !isBlank(text.charAt(k))) {
        k++;
      }
      String key = text.substring(s, k);
      while (k < e && isBlank(text.charAt(k))) {
        k++;
      }
      String value = text.substring(k, e);
      if (value.isEmpty()) {
        continue;
      }
      switch (key) {
        case "title" -> title = value;
        case "version" -> version = value;
        case "machine-id" -> machineId = value;
        case "sort-key" -> sortKey = value;
        case "linux" -> linux = value;
        case "efi" -> efi = value;
        case "initrd" -> initrds.add(value);
        case "options" -> {
          if (options.length() > 0) {
            options.append(' ');
          }
          options.append(value);
        }
        case "architecture" -> arch = value;
        case "grub_users" -> users = value;
        case "grub_class" -> classes.add(value);
        case "grub_arg" -> args.add(value);
        default -> { }
      }
    }
    return new BlsEntry(
        fileName, title, version, machineId, sortKey, linux, efi, initrds, options.toString(),
        arch, users, classes, args, lines);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
