package org.jgrub.fs.squashfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;

/** Recognises squashfs by "hsqs" at byte 0 (the little-endian magic of squashfs 4.0). */
public final class SquashDriver implements FsDriver {
  @Override
  public String name() {
    return "squashfs";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    if (dev.size() < SquashSuperblock.SIZE) {
      return Optional.empty();
    }
    ByteView v = ByteView.read(dev, 0, SquashSuperblock.SIZE, "squashfs superblock");
    if (!SquashSuperblock.hasMagic(v)) {
      return Optional.empty();
    }
    return Optional.of(new SquashFs(dev, SquashSuperblock.parse(v, dev), bounds));
  }
}
