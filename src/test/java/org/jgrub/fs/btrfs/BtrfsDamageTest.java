package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.TreeWalk;
import org.junit.jupiter.api.Test;

/**
 * Random damage (the shared {@link Damage} harness) to the leaves of a real image's FS trees, with the checksum recomputed so that
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
      Damage d = Damage.of(img, "btrfs leaves").rounds(160, 20261125).bytesPerRound(4)
          .walk(TreeWalk.DEFAULT);
      for (long leaf : leaves) {
        d.region(Damage.Region.sealed(leaf + BtrfsNode.HEADER, leaf + 16384, leaf, 16384,
            b -> BtrfsCsum.fixCsum(b, BtrfsChecksum.CRC32C)));
      }
      d.walkEach(dev -> Optional.of(BtrfsDriverTest.open(dev))).refusedAtLeast(10, "btrfs leaves");
    }
  }
}
