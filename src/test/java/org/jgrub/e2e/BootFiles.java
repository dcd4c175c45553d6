package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a copied kernel or initrd of the fixture tree (fixtures/boot-tree.py): every 512-byte
 * sector starts with "NAME sector N\n", so a copy with a wrong, missing or repeated block fails.
 */
final class BootFiles {
  private BootFiles() {}

  static void assertBlob(Path copy, String name, long size) throws IOException {
    byte[] b = Files.readAllBytes(copy);
    assertEquals(size, b.length, "size of the copy of " + name);
    for (int s = 0; s * 512 < b.length; s++) {
      String head = name + " sector " + s + "\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      int n = Math.min(h.length, b.length - s * 512);
      for (int i = 0; i < n; i++) {
        if (b[s * 512 + i] != h[i]) {
          throw new AssertionError(name + ": sector " + s + " of the copy is not the file's sector " + s);
        }
      }
    }
    assertTrue(b.length > 0);
  }

  /** Sizes the fixture tree gives its files with --small ("56"/"13": the newer kernel). */
  static long kernelSize(String version) {
    return newer(version) ? 300_000 + 123 : 300_000 - 999;
  }

  static long initrdSize(String version) {
    return newer(version) ? 700_000 + 4567 : 700_000 - 77;
  }

  private static boolean newer(String version) {
    return version.equals("56") || version.equals("13");
  }
}
