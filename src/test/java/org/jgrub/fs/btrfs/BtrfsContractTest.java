package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on a btrfs made by mkfs.btrfs --rootdir. */
class BtrfsContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "btrfs/plain.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("btrfs/plain.manifest"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected String sparseFile() {
    // holes.bin lies in btrfs/, written compressed (lzo), so it has no layout; no uncompressed
    // file of the btrfs fixtures has a hole.
    return null;
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // One byte of the label in every superblock copy the image holds: the checksums no longer
    // match.
    for (long sb : BtrfsSuperblock.OFFSETS) {
      if (sb + BtrfsSuperblock.OFF_LABEL < img.size()) {
        img.put8(sb + BtrfsSuperblock.OFF_LABEL, 'X');
      }
    }
    return "checksum mismatch";
  }
}
