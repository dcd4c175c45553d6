package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeWalk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random damage (the shared {@link Damage} harness) to the superblock, the journal header, the root node and the leaves that hold
 * the root directory, /boot and a kernel's block pointers.
 */
class ReiserDamageTest {
  @ParameterizedTest
  @CsvSource({
    "reiserfs/reiserfs-3.6-boot.img.xz, 80, 11",
    "reiserfs/reiserfs-3.5-boot.img.xz, 50, 12",
    "reiserfs/reiserfs-empty-tea.img.xz, 300, 13",
  })
  void randomMetadataDamageEndsCleanly(String image, int rounds, long seed) throws IOException {
    Damage d = Damage.of(MemoryImage.of(image), image).rounds(rounds, seed)
        .timeout(Duration.ofSeconds(20)).walk(TreeWalk.DEFAULT.reading(64 << 10));
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      ReiserSuperblock sb = fs.superblock();
      int bs = sb.blockSize();
      d.region(sb.location(), sb.location() + ReiserSuperblock.SIZE);
      long header = (sb.journalFirstBlock() + sb.journalSize()) * bs;
      d.region(header, header + 12);
      d.region(sb.rootBlock() * bs, (sb.rootBlock() + 1) * bs);
      List<ReiserTree.Item> items = new ArrayList<>();
      items.add(fs.tree().find(new ReiserKey(1, 2, 0, ReiserKey.SD)));
      if (PathWalker.exists(fs, "/boot/vmlinuz-6.1.0-56-amd64")) {
        ReiserNode boot = (ReiserNode) PathWalker.resolve(fs, "/boot");
        items.add(fs.tree().find(new ReiserKey(boot.dirId, boot.objectId, 0, ReiserKey.SD)));
        ReiserNode k = (ReiserNode) PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64");
        items.add(fs.tree().find(new ReiserKey(k.dirId, k.objectId, 1, ReiserKey.INDIRECT)));
      }
      for (ReiserTree.Item it : items) {
        long b = it.leaf().block();
        d.region(b * bs, b * bs + 24 + 24L * it.leaf().items().size());
        d.region(it.bodyOffset(bs), it.bodyOffset(bs)
            + Math.min(it.header().length(), 256));
      }
    }
    d.walkEach(dev -> new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT)).refusedAtLeast(1, image);
  }
}
