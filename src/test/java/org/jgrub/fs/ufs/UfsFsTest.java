package org.jgrub.fs.ufs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads every UFS fixture (made by NetBSD makefs and FreeBSD newfs) against its manifest. */
class UfsFsTest {
  @ParameterizedTest
  @CsvSource({
    "ufs/ufs1-le-4k-boot.img.xz, ufs/ufs1-le-4k-boot.MANIFEST, ufs1, false",
    "ufs/ufs1-be-4k.img.xz, ufs/ufs1-be-4k.manifest, ufs1, true",
    "ufs/ufs2-le-8k.img.xz, ufs/ufs2-le-8k.manifest, ufs2, false",
    "ufs/ufs2-be-4k.img.xz, ufs/ufs2-be-4k.manifest, ufs2, true",
    "ufs/fuse-ufs/ufs-little.img.xz, ufs/fuse-ufs/ufs-little.MANIFEST, ufs2, false",
    "ufs/fuse-ufs/ufs-big.img.xz, ufs/fuse-ufs/ufs-big.MANIFEST, ufs2, true",
  })
  void wholeTreeMatchesManifest(String image, String manifest, String type, boolean bigEndian)
      throws IOException {
    Path img = Fixtures.image(image);
    try (RawImage dev = RawImage.open(img)) {
      assertEquals(type, FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow().type(), "registered in FsProbe");
      Optional<GuestFs> probed = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
      assertTrue(probed.isPresent(), image);
      UfsFs fs = (UfsFs) probed.get();
      assertEquals(type, fs.type());
      assertEquals(bigEndian, fs.superblock().bigEndian());
      TreeCheck.compare(fs, Manifest.read(Fixtures.ROOT.resolve(manifest)), Set.of());
      String name = img.getFileName().toString();
      assertEquals(Optional.of(info(name, "UUID")), fs.uuid(), "UUID as blkid reads it");
      assertEquals(Optional.empty(), fs.label());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ufs/ufs1-le-4k-boot.img.xz, boot/initrd.img-6.1.0-56-amd64",
    "ufs/ufs2-be-4k.img.xz, boot/initrd.img-6.1.0-56-amd64",
    "ufs/fuse-ufs/ufs-little.img.xz, sparse",
  })
  void layoutCoversTheFileAndMatchesRead(String image, String path) throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      GuestFs fs = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      Node n = PathWalker.resolve(fs, path);
      List<Run> runs = fs.layout(n);
      long pos = 0;
      boolean hole = false;
      for (Run r : runs) {
        assertEquals(pos, r.fileOffset());
        hole |= r.isHole();
        pos += r.length();
      }
      assertEquals(n.size(), pos);
      assertTrue(runs.size() < n.size() / 4096, "contiguous blocks merged into runs");
      if (path.equals("sparse")) {
        assertTrue(hole, "the FreeBSD sparse file has holes");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ufs/fuse-ufs/ufs-little.img.xz, 549890457600",
    "ufs/fuse-ufs/ufs-big.img.xz, 549890457600",
  })
  void tripleIndirectSparseFileMapsItsLastByte(String image, long size) throws IOException {
    // sparse3 ends 512 GB in: beyond 12 + 4096 + 4096^2 blocks of 32 KiB, in the triple tree.
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      GuestFs fs = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      Node n = PathWalker.resolve(fs, "sparse3");
      assertEquals(size, n.size());
      long lastBlock = (size - 1) / 32768;
      assertTrue(lastBlock >= 12 + 4096 + 4096L * 4096, "block " + lastBlock + " is triple indirect");
      // FreeBSD wrote the last 32 KiB as 'x' bytes, and the block before it as zeros.
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32768 + 1);
      assertEquals(32769, fs.read(n, size - 32769, b));
      assertEquals(0, b.get(0));
      for (int i = 1; i <= 32768; i++) {
        assertEquals('x', b.get(i), "byte " + i + " of the last block");
      }
      assertEquals(-1, fs.read(n, size, java.nio.ByteBuffer.allocate(1)));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ufs/ufs1-le-4k-boot.img.xz, 60",
    "ufs/fuse-ufs/ufs-big.img.xz, 120",
    "ufs/ufs2-be-4k.img.xz, 120",
  })
  void maxSymlinkLenAsTheToolsWriteIt(String image, int expected) throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      UfsFs fs = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertEquals(expected, fs.superblock().maxSymlinkLen(), "fs_maxsymlinklen");
      // newfs puts the UFS2 superblock at 64 KiB, makefs at 8 KiB (both record it in
      // fs_sblockloc); UFS1 is always at 8 KiB.
      long where = image.contains("fuse-ufs") ? 65536 : 8192;
      assertEquals(where, fs.superblock().location());
    }
  }

  static String info(String imageName, String key) throws IOException {
    for (String line :
        Files.readAllLines(Fixtures.ROOT.resolve("ufs/ufs-INFO.txt"), StandardCharsets.UTF_8)) {
      if (line.startsWith("DEVNAME=" + imageName + " ")) {
        for (String kv : line.split(" ")) {
          if (kv.startsWith(key + "=")) {
            return kv.substring(key.length() + 1);
          }
        }
      }
    }
    throw new AssertionError("no " + key + " for " + imageName + " in ufs-INFO.txt");
  }

  @ParameterizedTest
  @CsvSource({"reiserfs/reiserfs-3.6-boot.img.xz"})
  void notUfsIsEmpty(String image) throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      assertFalse(new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).isPresent());
    }
  }
}
