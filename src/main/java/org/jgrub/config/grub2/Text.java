package org.jgrub.config.grub2;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jgrub.config.DeviceName;
import org.jgrub.config.DevicePath;

/**
 * Conversions between the script's Latin-1 view of the file's bytes and the strings jgrub shows
 * and passes on, and GRUB's {@code (device)/path} notation.
 */
final class Text {
  private Text() {}

  /** Bytes as a string with one char per byte, so that any byte sequence survives. */
  static String latin1(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * The display form of script text: the bytes read as UTF-8 when they are valid UTF-8 (as GRUB
   * shows them), otherwise unchanged (each byte one char), so nothing is lost or replaced.
   */
  static String display(String latin1) {
    // The bytes first, then the ASCII check on the array: this runs interpreted at start-up,
    // where a String.charAt loop costs several times an array loop plus one copy.
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    int k = 0;
    while (k < b.length && b[k] >= 0) {
      k++;
    }
    if (k == b.length) {
      return latin1;
    }
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return dec.decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return latin1;
    }
  }

  /** The Latin-1 byte view of a decoded string (the inverse of {@link #display}). */
  static String latin1View(String s) {
    int n = s.length();
    for (int k = 0; k < n; k++) {
      if (s.charAt(k) >= 0x80) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      }
    }
    return s;
  }

  /** A GRUB device name without its parentheses: "(hd0,1)" gives "hd0,1"; others unchanged. */
  static String stripParens(String dev) {
    return DeviceName.stripParens(dev);
  }

  /** Splits "(hd0,gpt2)/boot/x" into "hd0,gpt2" and "/boot/x"; "(hd0)" into "hd0" and "/". */
  static DevicePath split(String p) {
    DevicePath dp = DevicePath.split(p);
    return dp.device() != null && dp.path().isEmpty() ? new DevicePath(dp.device(), "/") : dp;
  }

  /** The directory part of a path ("/boot/grub/grub.cfg" gives "/boot/grub"; "/x" gives ""). */
  static String dirname(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "" : path.substring(0, slash);
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
