package org.jgrub.fs.xfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.TreeWalk;
import org.junit.jupiter.api.Test;

/**
 * Random damage (the shared {@link Damage} harness) to the inodes and directory blocks of real v4
 * and v5 images: the driver reads what it can and otherwise fails with a jgrub exception, never
 * anything else.
 */
class XfsDamageTest {
  /** 20,000 links to one file: listed by XfsDriverTest, too slow to walk in every round. */
  private static final TreeWalk WALK = TreeWalk.DEFAULT.skipping("bigdir").reading(4L << 20);

  @Test
  void randomInodeDamageEndsInJgrubExceptions() throws IOException {
    try (RawImage img = RawImage.open(Fixtures.image("xfs/v4.img.xz"))) {
      XfsFs clean = XfsDriverTest.open(img);
      List<Long> inodes = new ArrayList<>();
      collect(clean, clean.root(), inodes, 0);
      int size = clean.superblock().inodeSize();
      Damage d = Damage.of(img, "xfs v4 inodes").rounds(200, 20261125).bytesPerRound(4).walk(WALK);
      for (long ino : inodes) {
        long at = clean.superblock().inodeToByte(ino);
        d.region(at, at + size);
      }
      d.walkEach(dev -> Optional.of(XfsDriverTest.open(dev))).refusedAtLeast(5, "xfs v4 inodes");
    }
  }

  /**
   * v5 inodes (version 3, nrext64, B+tree roots, remote symlinks) with the CRC recomputed, so the
   * damage reaches the inode parser instead of stopping at the checksum.
   */
  @Test
  void randomV5InodeDamageWithValidCrcEndsInJgrubExceptions() throws IOException {
    try (RawImage img = RawImage.open(Fixtures.image("xfs/v5.img.xz"))) {
      XfsFs clean = XfsDriverTest.open(img);
      List<Long> inodes = new ArrayList<>();
      for (String p : new String[] {"/", "/xfs", "/boot", "/xfs/fragmented.bin",
          "/xfs/reflinked.bin", "/xfs/unwritten.bin", "/xfs/leafdir", "/boot/many",
          "/boot/vmlinuz-6.1.0-56-amd64"}) {
        inodes.add(((XfsInode) PathWalker.resolve(clean, p)).ino);
      }
      inodes.add(((XfsInode) PathWalker.resolve(clean, "/xfs/remote-link", false)).ino);
      int size = clean.superblock().inodeSize();
      Damage d = Damage.of(img, "xfs v5 inodes").rounds(150, 11).bytesPerRound(4).walk(WALK);
      for (long ino : inodes) {
        long at = clean.superblock().inodeToByte(ino);
        // Either side of the CRC field (a damaged CRC is the easy case), the magic left alone.
        d.region(Damage.Region.sealed(at + 2, at + XfsInode.OFF_CRC, at, size, XfsDamageTest::crc));
        d.region(Damage.Region.sealed(at + XfsInode.OFF_CRC + 4, at + size, at, size,
            XfsDamageTest::crc));
      }
      d.walkEach(dev -> Optional.of(XfsDriverTest.open(dev))).refusedAtLeast(5, "xfs v5 inodes");
    }
  }

  /** The inode with its CRC32C recomputed (stored little-endian, computed with the field 0). */
  private static byte[] crc(byte[] raw) {
    for (int k = 0; k < 4; k++) {
      raw[XfsInode.OFF_CRC + k] = 0;
    }
    CRC32C c = new CRC32C();
    c.update(raw);
    long v = c.getValue();
    for (int k = 0; k < 4; k++) {
      raw[XfsInode.OFF_CRC + k] = (byte) (v >>> (8 * k));
    }
    return raw;
  }

  /** v4 directory data blocks (no CRC): every damaged byte reaches the directory parser. */
  @Test
  void randomDirectoryBlockDamageEndsInJgrubExceptions() throws IOException {
    try (RawImage img = RawImage.open(Fixtures.image("xfs/v4.img.xz"))) {
      XfsFs clean = XfsDriverTest.open(img);
      int bs = clean.superblock().blockSize();
      Damage d = Damage.of(img, "xfs v4 directory blocks").rounds(200, 7).bytesPerRound(4)
          .walk(WALK);
      for (String dir : new String[] {"/boot/many", "/boot/edge", "/xfs/leafdir"}) {
        XfsInode n = (XfsInode) PathWalker.resolve(clean, dir);
        for (XfsExtent e : XfsBmap.inline(n.dataFork, n.nextents, n.ino, org.jgrub.io.Limits.DEFAULT)) {
          for (long b = 0; b < e.blocks(); b++) {
            long at = clean.superblock().fsbToByte(e.fsBlock() + b, "test");
            d.region(at, at + bs);
          }
        }
      }
      d.walkEach(dev -> Optional.of(XfsDriverTest.open(dev)))
          .refusedAtLeast(5, "xfs v4 directory blocks");
    }
  }

  private static void collect(XfsFs fs, Node dir, List<Long> out, int depth) throws IOException {
    out.add(((XfsInode) dir).ino);
    for (DirEntry e : fs.list(dir)) {
      if (e.name().equals("bigdir")) {
        continue; // 20,000 links to one file: listed by XfsDriverTest, too slow to walk here
      }
      Node n = fs.open(e);
      out.add(((XfsInode) n).ino);
      if (n.kind() == Node.Kind.DIRECTORY && depth < 20) {
        collect(fs, n, out, depth + 1);
      }
    }
  }
}
