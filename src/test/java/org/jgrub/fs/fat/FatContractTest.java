package org.jgrub.fs.fat;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on FAT16 (mkfs.fat, files copied with mtools). */
class FatContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "fat/fat16.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("fat/fat16.manifest"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new FatDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected String sparseFile() {
    return null; // FAT has no holes
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // big.bin's short entry: its first cluster (DIR_FstClusLO, byte 26) past the volume's last.
    long entry = img.find("BIG     BIN".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
    img.put16le(entry + 26, 0xFFF0);
    return "'big.bin': first cluster 65520 outside 2..";
  }
}
