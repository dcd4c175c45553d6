package org.jgrub.fs.ufs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Finds a UFS superblock at the standard places (FreeBSD's SBLOCKSEARCH: 64 KiB for UFS2, 8 KiB
 * for UFS1, 0 for floppies, 256 KiB for "piggy" layouts) in either byte order.
 */
public final class UfsDriver implements FsDriver {
  static final long[] SBLOCK_SEARCH = {65536, 8192, 0, 262144};
  static final long SBLOCK_UFS2 = 65536;

  @Override
  public String name() {
    return "ufs";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    for (long at : SBLOCK_SEARCH) {
      if (at + UfsSuperblock.SIZE > dev.size()) {
        continue;
      }
      ByteView v = ByteView.read(dev, at, UfsSuperblock.SIZE, dev.describe() + ": UFS superblock");
      Boolean be = UfsSuperblock.byteOrder(v);
      if (be == null) {
        String foreign = UfsSuperblock.foreignMagic(v);
        if (foreign != null) {
          throw new UnsupportedFeatureException(dev.describe() + ": " + foreign);
        }
        continue;
      }
      boolean ufs2 = v.u32(UfsSuperblock.FS_MAGIC, be) == UfsSuperblock.UFS2_MAGIC;
      if (ufs2 && v.u64(UfsSuperblock.FS_SBLOCKLOC, be) != at) {
        // A UFS2 superblock names its own place; elsewhere it is a stale or backup copy.
        continue;
      }
      if (!ufs2 && at == SBLOCK_UFS2) {
        // A UFS1 magic at 64 KiB is a backup in a later cylinder group, not a primary.
        continue;
      }
      return Optional.of(new UfsFs(dev, UfsSuperblock.parse(v, at, be), bounds));
    }
    return Optional.empty();
  }
}
