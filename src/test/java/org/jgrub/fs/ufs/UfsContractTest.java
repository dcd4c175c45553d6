package org.jgrub.fs.ufs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on UFS1, little-endian, 4 KiB blocks (makefs). */
class UfsContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "ufs/ufs1-le-4k-boot.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("ufs/ufs1-le-4k-boot.MANIFEST"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected String sparseFile() {
    return null; // makefs writes every block of sparse.bin: this fixture has no hole
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // Cylinder group 0's magic (struct cg, byte 4).
    UfsSuperblock sb = ((UfsFs) clean).superblock();
    img.put32le((long) sb.cblkno() * sb.fsize() + 4, 0x12345678);
    return "bad magic 0x12345678";
  }
}
