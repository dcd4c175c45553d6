package org.jgrub.fs.xfs;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on XFS v5 (mkfs.xfs -p, metadata CRCs). */
class XfsContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "xfs/v5.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("xfs/v5.manifest"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new XfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected Set<String> ignored() {
    return Set.of("xfs/bigdir"); // 20,000 links to one file: XfsDriverTest lists it
  }

  @Override
  protected String sparseFile() {
    return "/xfs/fragmented.bin";
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // The root inode's magic "IN" zeroed (checked before its CRC).
    XfsSuperblock sb = ((XfsFs) clean).superblock();
    long at = sb.inodeToByte(sb.rootIno());
    img.put16le(at, 0);
    return "bad magic";
  }
}
