package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A squashfs volume holding /boot/grub/grub.cfg and its kernels (fixtures/make-squashfs.sh) boots
 * through the command line: the whole disk a squashfs image of each compressor, and the gzip image
 * as the first partition of an MBR disk (sfdisk). The kernel and ramdisk must be the bytes
 * boot-tree.py wrote, whose sha256 the tree's manifest records (what unsquashfs extracts).
 */
class SquashfsBootTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "lzo", "xz", "lz4", "zstd", "gzip-4k", "zstd-nofrag",
      "uncompressed", "mbr-gzip"})
  void bootsTheKernelAndRamdiskOfItsGrubCfg(String name) throws IOException {
    Path img = dir.resolve(name + ".img");
    Files.copy(Fixtures.image("squashfs/" + name + ".img.xz"), img);
    Path out = Files.createDirectory(dir.resolve("out"));
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, img.toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals("root=/dev/xvda1 ro quiet", m.group(3));
    String manifest = Files.readString(Fixtures.ROOT.resolve("squashfs/tree.manifest"));
    assertEquals(sha(manifest, "boot/vmlinuz-6.1.0-56-amd64"), sha256(Path.of(m.group(1))));
    assertEquals(sha(manifest, "boot/initrd.img-6.1.0-56-amd64"), sha256(Path.of(m.group(2))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "mbr-gzip"})
  void listsTheMenu(String name) throws IOException {
    Path img = dir.resolve(name + ".img");
    Files.copy(Fixtures.image("squashfs/" + name + ".img.xz"), img);
    Jgrub r = Jgrub.run("-l", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Debian GNU/Linux, with Linux 6.1.0-55-amd64"), r.out());
  }

  private static String sha(String manifest, String path) {
    for (String line : manifest.split("\n")) {
      String[] f = line.split("\t");
      if (f.length >= 6 && f[5].equals(path)) {
        return f[4];
      }
    }
    throw new AssertionError(path + " not in the manifest");
  }

  private static String sha256(Path p) throws IOException {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
      StringBuilder s = new StringBuilder();
      for (byte b : d) {
        s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
      }
      return s.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
