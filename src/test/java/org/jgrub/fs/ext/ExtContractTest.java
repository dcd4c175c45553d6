package org.jgrub.fs.ext;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on ext4 with 4 KiB blocks (mke2fs -d). */
class ExtContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "ext/ext4-4k.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(ExtImages.manifest("ext4-4k"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new ExtDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected Set<String> ignored() {
    return Set.of("lost+found");
  }

  @Override
  protected String sparseFile() {
    return "/boot/edge/sparse.bin";
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // The extent header that opens /boot's i_block, its magic 0xf30a zeroed.
    ExtNode boot = (ExtNode) PathWalker.resolve(clean, "/boot");
    long at = boot.inode.raw().diskOffset(0) + Inode.I_BLOCK;
    img.put16le(at, 0);
    return "inode " + boot.ino() + ": extent header magic 0x0000 at byte 0x" + Long.toHexString(at);
  }
}
