package org.jgrub.fs.reiserfs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.ufs.DamageSweep;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random damage to the superblock, the journal header, the root node and the leaves that hold
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
    byte[] img = Files.readAllBytes(Fixtures.image(image));
    List<DamageSweep.Region> regions = new ArrayList<>();
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev).orElseThrow();
      ReiserSuperblock sb = fs.superblock();
      int bs = sb.blockSize();
      regions.add(new DamageSweep.Region(sb.location(), sb.location() + ReiserSuperblock.SIZE));
      long header = (sb.journalFirstBlock() + sb.journalSize()) * bs;
      regions.add(new DamageSweep.Region(header, header + 12));
      regions.add(new DamageSweep.Region(sb.rootBlock() * bs, (sb.rootBlock() + 1) * bs));
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
        regions.add(new DamageSweep.Region(b * bs, b * bs + 24 + 24L * it.leaf().items().size()));
        regions.add(new DamageSweep.Region(it.bodyOffset(bs), it.bodyOffset(bs)
            + Math.min(it.header().length(), 256)));
      }
    }
    int failed = DamageSweep.run(img, image, new ReiserDriver(),
        regions.toArray(new DamageSweep.Region[0]), rounds, seed);
    assertTrue(failed > 0, "some damage must be detected");
  }
}
