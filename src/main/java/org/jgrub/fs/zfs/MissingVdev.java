package org.jgrub.fs.zfs;

import java.io.IOException;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A top-level vdev jgrub cannot read: not among the given devices, or of a kind it does not
 * support (dRAID, the indirect vdev left by device removal). Reads fail with the reason.
 */
final class MissingVdev extends Vdev {
  private final String reason;
  private final boolean unsupported;

  MissingVdev(String reason, boolean unsupported) {
    this.reason = reason;
    this.unsupported = unsupported;
  }

  @Override
  byte[] read(long offset, int size, BlockCheck check) throws IOException {
    if (unsupported) {
      throw new UnsupportedFeatureException("ZFS: " + reason);
    }
    throw new CorruptDataException("ZFS: " + reason);
  }

  @Override
  byte[] readRaw(long offset, int size) throws IOException {
    return null;
  }

  @Override
  String describe() {
    return reason;
  }
}
