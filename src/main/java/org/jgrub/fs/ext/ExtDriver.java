package org.jgrub.fs.ext;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;

/**
 * The ext2/ext3/ext4 driver: "not mine" without the 0xEF53 magic at byte 1080; otherwise the
 * superblock must be sound and use only features listed in {@link Features}.
 */
public final class ExtDriver implements FsDriver {
  @Override
  public String name() {
    return "ext";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    Superblock sb = Superblock.read(dev);
    if (sb == null) {
      return Optional.empty();
    }
    ExtFs fs = new ExtFs(dev, sb, bounds);
    fs.root(); // a volume whose root cannot be read is broken, not "someone else's"
    return Optional.of(fs);
  }
}
