package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hash-tree lookups find every name of directories the kernel indexed, with each of the six
 * hashes (legacy, half_md4, tea; signed and unsigned chars, names with bytes above 0x7f) and with
 * a two-level tree: so the hashes match the kernel's and the index is really used.
 */
class ExtHashTreeTest {
  @ParameterizedTest
  @CsvSource({
    "ext4-hash-signed, /legacy, 0",
    "ext4-hash-signed, /half_md4, 1",
    "ext4-hash-signed, /tea, 2",
    "ext4-hash-unsigned, /legacy, 0",
    "ext4-hash-unsigned, /half_md4, 1",
    "ext4-hash-unsigned, /tea, 2",
    "ext4-kernel, /big, 1",
    "ext3-kernel, /many, 1", // block-mapped directory
  })
  void everyNameIsFoundThroughTheIndex(String image, String path, int version)
      throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image(image))) {
      ExtFs fs = (ExtFs) FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      ExtNode dir = (ExtNode) PathWalker.resolve(fs, path);
      assertTrue(dir.inode.hasFlag(HashTree.FL_INDEX), "the fixture directory is indexed");
      long root = fs.mapOf(dir).runAt(0).deviceOffset();
      assertEquals(version, dev.read(root + HashTree.ROOT_INFO + HashTree.INFO_HASH_VERSION, 1)[0],
          "hash version in dx_root");
      assertEquals(image.endsWith("-unsigned"), fs.superblock().unsignedHash());
      List<DirEntry> all = fs.list(dir);
      assertTrue(all.size() >= 300);
      String who = "inode " + dir.ino();
      for (DirEntry e : all) {
        DirEntry hit = HashTree.lookup(dev, fs.superblock(), dir, fs.mapOf(dir), e.name(), who, org.jgrub.io.Limits.DEFAULT);
        assertNotNull(hit, "not found through the " + version + " index: " + e.name());
        assertEquals(e, hit);
      }
      assertNull(HashTree.lookup(dev, fs.superblock(), dir, fs.mapOf(dir), "no-such-name", who, org.jgrub.io.Limits.DEFAULT));
      assertTrue(fs.lookup(dir, "no-such-name").isEmpty());
    }
  }
}
