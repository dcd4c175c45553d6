package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;

/**
 * Recognises a ZFS vdev (a label whose nvlist ends in the embedded-checksum magic) and opens its
 * pool from this one device, on the pool's {@code bootfs} dataset. Pools spread over several
 * devices are opened with {@link ZfsPool#open(List, Bounds)}.
 */
public final class ZfsDriver implements FsDriver {
  @Override
  public String name() {
    return "zfs";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    if (!VdevLabel.looksLikeZfs(dev)) {
      return Optional.empty();
    }
    return Optional.of(ZfsPool.open(List.of(dev), bounds).open());
  }
}
