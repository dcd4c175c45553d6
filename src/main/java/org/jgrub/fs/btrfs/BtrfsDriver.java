package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;

/**
 * Recognises btrfs by the "_BHRfS_M" magic of the primary superblock (64 KiB) and opens it
 * read-only, rooted at the top-level subvolume (id 5) as GRUB is.
 */
public final class BtrfsDriver implements FsDriver {
  @Override
  public String name() {
    return "btrfs";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    if (!BtrfsSuperblock.hasMagic(dev)) {
      return Optional.empty();
    }
    BtrfsVolume vol = new BtrfsVolume(dev, BtrfsSuperblock.read(dev), bounds);
    return Optional.of(new BtrfsFs(vol, BtrfsConst.FS_TREE_OBJECTID));
  }
}
