package org.jgrub.fs.xfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;

/** Recognises XFS by the "XFSB" magic at byte 0 and opens it read-only. */
public final class XfsDriver implements FsDriver {
  @Override
  public String name() {
    return "xfs";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    XfsSuperblock sb = XfsSuperblock.read(dev);
    if (sb == null) {
      return Optional.empty();
    }
    return Optional.of(new XfsFs(dev, sb, bounds));
  }
}
