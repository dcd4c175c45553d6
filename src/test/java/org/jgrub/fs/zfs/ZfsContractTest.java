package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on the root dataset of a pool made by OpenZFS 2.1.11. */
class ZfsContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "zfs/zfs-rpool.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("zfs/zfs-rpool.MANIFEST"))
        .under("rpool/ROOT/debian:");
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new ZfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected String sparseFile() {
    return null; // holes are read through the block pointers; there is no layout to show them
  }

  @Override
  protected boolean hasLayout() {
    return false;
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // Every copy of the MOS object-set block that the newest uberblock points to.
    Uberblock ub = ZfsPool.open(java.util.List.of(img), org.jgrub.io.Bounds.DEFAULT).uberblock();
    for (Dva d : ub.rootBp().dvas()) {
      if (!d.isEmpty()) {
        img.fill(LeafVdev.LABEL_START_SIZE + d.offset() + 64, 16, 0x5a);
      }
    }
    return "checksum mismatch";
  }
}
