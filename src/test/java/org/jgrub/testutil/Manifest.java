package org.jgrub.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixture's MANIFEST as the shared fixtures write it (and the project's fixture scripts too):
 * tab-separated {@code type mode size mtime sha256 path [target]}, one line per entry, header lines
 * starting with '#'. Type d/f/l (s for device nodes); size '-' for directories; sha256 of the
 * contents (of the target string for symlinks).
 */
public record Manifest(List<Item> items) {
  /** One line of a manifest; {@code mtime} in whole seconds as {@code int(st_mtime)}. */
  public record Item(
      char type, String mode, long size, String sha256, String path, String target, long mtime) {}

  public static Manifest read(Path file) throws IOException {
    List<Item> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length < 6) {
        throw new IOException(file + ": bad manifest line: " + line);
      }
      long size = f[2].equals("-") ? -1 : Long.parseLong(f[2]);
      out.add(new Item(f[0].charAt(0), f[1], size, f[4], f[5], f.length > 6 ? f[6] : null,
          Long.parseLong(f[3])));
    }
    return new Manifest(out);
  }

  /** The items whose path starts with {@code prefix} (e.g. a ZFS dataset "rpool/ROOT/debian:"). */
  public Manifest under(String prefix) {
    List<Item> out = new ArrayList<>();
    for (Item i : items) {
      if (i.path().startsWith(prefix)) {
        out.add(
            new Item(
                i.type(), i.mode(), i.size(), i.sha256(), i.path().substring(prefix.length()),
                i.target(), i.mtime()));
      }
    }
    return new Manifest(out);
  }
}
