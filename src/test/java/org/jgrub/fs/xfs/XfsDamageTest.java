package org.jgrub.fs.xfs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.JgrubException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.OverlayDevice;
import org.junit.jupiter.api.Test;

/**
 * Random damage to the inodes of a real v4 image (no CRCs, so every damaged byte is parsed): the
 * driver reads what it can and otherwise fails with a jgrub exception, never anything else.
 */
class XfsDamageTest {
  @Test
  void randomInodeDamageEndsInJgrubExceptions() throws IOException {
    try (RawImage img = RawImage.open(Fixtures.image("xfs/v4.img.xz"))) {
      XfsFs clean = XfsDriverTest.open(img);
      List<Long> inodes = new ArrayList<>();
      collect(clean, clean.root(), inodes, 0);
      int size = clean.superblock().inodeSize();
      Random r = new Random(20261125);
      int failures = 0;
      for (int i = 0; i < 200; i++) {
        long ino = inodes.get(r.nextInt(inodes.size()));
        long at = clean.superblock().inodeToByte(ino) + r.nextInt(size);
        byte[] b = new byte[1 + r.nextInt(4)];
        r.nextBytes(b);
        BlockDevice dev = new OverlayDevice(img).patch(at, b);
        try {
          XfsFs fs = XfsDriverTest.open(dev);
          walk(fs, fs.root(), 0);
        } catch (JgrubException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError("damage at byte 0x" + Long.toHexString(at), e);
        }
      }
      assertTrue(failures >= 5, "damage detected only " + failures + " times");
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
        inodes.add(((XfsInode) org.jgrub.fs.PathWalker.resolve(clean, p)).ino);
      }
      inodes.add(((XfsInode) org.jgrub.fs.PathWalker.resolve(clean, "/xfs/remote-link", false)).ino);
      int size = clean.superblock().inodeSize();
      Random r = new Random(11);
      int failures = 0;
      for (int i = 0; i < 150; i++) {
        long inoAt = clean.superblock().inodeToByte(inodes.get(r.nextInt(inodes.size())));
        byte[] raw = img.read(inoAt, size);
        int n = 1 + r.nextInt(4);
        // Skip the CRC field itself: a damaged CRC is the easy case.
        int at = XfsInode.OFF_CRC + 4 + r.nextInt(size - XfsInode.OFF_CRC - 4 - n);
        if (r.nextBoolean()) {
          at = 2 + r.nextInt(XfsInode.OFF_CRC - 2 - n);
        }
        for (int k = 0; k < n; k++) {
          raw[at + k] = (byte) r.nextInt(256);
        }
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        for (int k = 0; k < 4; k++) {
          raw[XfsInode.OFF_CRC + k] = 0;
        }
        c.update(raw);
        long v = c.getValue();
        for (int k = 0; k < 4; k++) {
          raw[XfsInode.OFF_CRC + k] = (byte) (v >>> (8 * k));
        }
        BlockDevice dev = new OverlayDevice(img).patch(inoAt, raw);
        try {
          XfsFs fs = XfsDriverTest.open(dev);
          walk(fs, fs.root(), 0);
        } catch (JgrubException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError("damage at byte 0x" + Long.toHexString(inoAt + at), e);
        }
      }
      assertTrue(failures >= 5, "damage detected only " + failures + " times");
    }
  }

  /** v4 directory data blocks (no CRC): every damaged byte reaches the directory parser. */
  @Test
  void randomDirectoryBlockDamageEndsInJgrubExceptions() throws IOException {
    try (RawImage img = RawImage.open(Fixtures.image("xfs/v4.img.xz"))) {
      XfsFs clean = XfsDriverTest.open(img);
      List<long[]> blocks = new ArrayList<>();
      for (String d : new String[] {"/boot/many", "/boot/edge", "/xfs/leafdir"}) {
        XfsInode dir = (XfsInode) org.jgrub.fs.PathWalker.resolve(clean, d);
        for (XfsExtent e : XfsBmap.inline(dir.dataFork, dir.nextents, dir.ino)) {
          for (long b = 0; b < e.blocks(); b++) {
            blocks.add(new long[] {clean.superblock().fsbToByte(e.fsBlock() + b, "test")});
          }
        }
      }
      int bs = clean.superblock().blockSize();
      Random r = new Random(7);
      int failures = 0;
      for (int i = 0; i < 200; i++) {
        long at = blocks.get(r.nextInt(blocks.size()))[0] + r.nextInt(bs);
        byte[] b = new byte[1 + r.nextInt(4)];
        r.nextBytes(b);
        BlockDevice dev = new OverlayDevice(img).patch(at, b);
        try {
          XfsFs fs = XfsDriverTest.open(dev);
          walk(fs, fs.root(), 0);
        } catch (JgrubException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError("damage at byte 0x" + Long.toHexString(at), e);
        }
      }
      assertTrue(failures >= 5, "damage detected only " + failures + " times");
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

  private static void walk(GuestFs fs, Node dir, int depth) throws IOException {
    if (depth > 20) {
      return; // a damaged entry may name an ancestor directory: a loop only a walk can see
    }
    ByteBuffer buf = ByteBuffer.allocate(65536);
    for (DirEntry e : fs.list(dir)) {
      if (e.name().equals("bigdir")) {
        continue; // 20,000 links to one file: listed by XfsDriverTest, too slow to walk here
      }
      Node n = fs.open(e);
      switch (n.kind()) {
        case DIRECTORY -> walk(fs, n, depth + 1);
        case SYMLINK -> fs.readLink(n);
        case FILE -> {
          long pos = 0;
          int got;
          while (pos < Math.min(n.size(), 4L << 20)) {
            buf.clear();
            got = fs.read(n, pos, buf);
            if (got <= 0) {
              break;
            }
            pos += got;
          }
        }
        default -> {}
      }
    }
  }
}
