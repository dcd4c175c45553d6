package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on ReiserFS 3.6 (written by Linux's own driver). */
class ReiserContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "reiserfs/reiserfs-3.6-boot.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("reiserfs/reiserfs-3.6-boot.MANIFEST"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected String sparseFile() {
    return "/boot/grub/sparse.bin";
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // The root internal node's first child pointer made to name the root itself.
    long root = ReiserCorruptionTest.ROOT;
    int n = ReiserCorruptionTest.rootItems(img);
    img.put32le(root * ReiserCorruptionTest.BS + ReiserNodeBlock.BLKH_SIZE + 16L * n, root);
    return "points to block " + root;
  }
}
