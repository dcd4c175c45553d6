package org.jgrub.fs.xfs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
        BlockDevice dev = new PatchedDevice(img).patch(at, b);
        try {
          XfsFs fs = XfsDriverTest.open(dev);
          walk(fs, fs.root(), 0);
        } catch (JgrubException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError("damage at byte 0x" + Long.toHexString(at), e);
        }
      }
      assertTrue(failures >= 10, "damage detected only " + failures + " times");
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
        BlockDevice dev = new PatchedDevice(img).patch(at, b);
        try {
          XfsFs fs = XfsDriverTest.open(dev);
          walk(fs, fs.root(), 0);
        } catch (JgrubException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError("damage at byte 0x" + Long.toHexString(at), e);
        }
      }
      assertTrue(failures >= 10, "damage detected only " + failures + " times");
    }
  }

  private static void collect(XfsFs fs, Node dir, List<Long> out, int depth) throws IOException {
    out.add(((XfsInode) dir).ino);
    for (DirEntry e : fs.list(dir)) {
      Node n = fs.open(e);
      out.add(((XfsInode) n).ino);
      if (n.kind() == Node.Kind.DIRECTORY && depth < 20) {
        collect(fs, n, out, depth + 1);
      }
    }
  }

  private static void walk(GuestFs fs, Node dir, int depth) throws IOException {
    if (depth > 20) {
      fail("directory tree deeper than the fixture's");
    }
    ByteBuffer buf = ByteBuffer.allocate(65536);
    for (DirEntry e : fs.list(dir)) {
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
