package org.jgrub.fs.btrfs;

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
import org.jgrub.testutil.OverlayDevice;
import org.junit.jupiter.api.Test;

/**
 * Random damage to the leaves of a real image's FS trees, with the checksum recomputed so that
 * every damaged byte reaches the parsers: the driver reads what it can and otherwise fails with a
 * jgrub exception, never anything else.
 */
class BtrfsDamageTest {
  @Test
  void randomLeafDamageEndsInJgrubExceptions() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      BtrfsFs clean = BtrfsDriverTest.open(img);
      List<Long> leaves = new ArrayList<>();
      for (long id : new long[] {5, 256, 257, clean.defaultSubvolumeId()}) {
        BtrfsTree t = clean.subvolume(id).rootTreeForTests();
        BtrfsTree.Cursor c = t.seek(new BtrfsKey(0, 0, 0));
        while (c.valid()) {
          long p = c.path[0].v.diskOffset(0);
          if (!leaves.contains(p)) {
            leaves.add(p);
          }
          c.next();
        }
      }
      // The root tree's leaves and the chunk tree's root too: every tree the open walks.
      BtrfsTree.Cursor rc = clean.volume().rootTree.seek(new BtrfsKey(0, 0, 0));
      while (rc.valid()) {
        long p = rc.path[0].v.diskOffset(0);
        if (!leaves.contains(p)) {
          leaves.add(p);
        }
        rc.next();
      }
      BtrfsSuperblock sb = clean.volume().sb;
      leaves.add(clean.volume().blocks.chunks.map(sb.chunkRoot(), "test").physical());
      Random r = new Random(20261125);
      int failures = 0;
      for (int i = 0; i < 160; i++) {
        long leaf = leaves.get(r.nextInt(leaves.size()));
        byte[] b = img.read(leaf, 16384);
        int n = 1 + r.nextInt(4);
        int at = BtrfsNode.HEADER + r.nextInt(16384 - BtrfsNode.HEADER - n);
        for (int k = 0; k < n; k++) {
          b[at + k] = (byte) r.nextInt(256);
        }
        BlockDevice dev = new OverlayDevice(img).patch(leaf, BtrfsCsum.fixCsum(b, BtrfsChecksum.CRC32C));
        try {
          BtrfsFs fs = BtrfsDriverTest.open(dev);
          walk(fs, fs.root(), 0);
        } catch (JgrubException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError("damage at byte 0x" + Long.toHexString(leaf + at), e);
        }
      }
      assertTrue(failures >= 10, "damage detected only " + failures + " times");
    }
  }

  private static void walk(GuestFs fs, Node dir, int depth) throws IOException {
    if (depth > 20) {
      return; // a damaged entry may point a directory at an ancestor subvolume
    }
    ByteBuffer buf = ByteBuffer.allocate(65536);
    for (DirEntry e : fs.list(dir)) {
      Node n = fs.open(e);
      switch (n.kind()) {
        case DIRECTORY -> walk(fs, n, depth + 1);
        case SYMLINK -> fs.readLink(n);
        case FILE -> {
          long pos = 0;
          while (pos < Math.min(n.size(), 1L << 20)) {
            buf.clear();
            int got = fs.read(n, pos, buf);
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
