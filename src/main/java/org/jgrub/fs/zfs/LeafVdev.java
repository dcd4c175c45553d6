package org.jgrub.fs.zfs;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;

/** A disk or file vdev: DVA offsets start after the two front labels and the boot region. */
final class LeafVdev extends Vdev {
  /** VDEV_LABEL_START_SIZE: two 256 KiB labels plus the 3.5 MiB boot block area. */
  static final long LABEL_START_SIZE = 4L << 20;
  /** VDEV_LABEL_END_SIZE: the two labels at the end of the device. */
  static final long LABEL_END_SIZE = 512L << 10;

  private final BlockDevice dev;
  private final String name;

  /** {@code dev} is null when the device was not given (a missing mirror side or raidz column). */
  LeafVdev(BlockDevice dev, String name) {
    this.dev = dev;
    this.name = name;
  }

  @Override
  byte[] read(long offset, int size, BlockCheck check) throws IOException {
    byte[] b = readRaw(offset, size);
    return b != null && check.ok(b) ? b : null;
  }

  @Override
  byte[] readRaw(long offset, int size) throws IOException {
    if (dev == null) {
      return null;
    }
    long at = Math.addExact(offset, LABEL_START_SIZE);
    if (at < LABEL_START_SIZE || size > dev.size() - LABEL_END_SIZE - at) {
      throw new CorruptDataException(
          "ZFS: " + describe() + ": block at DVA offset 0x" + Long.toHexString(offset) + " (+"
              + size + ") lies outside the vdev's data area");
    }
    return dev.read(at, size);
  }

  @Override
  String describe() {
    return dev == null ? name + " (missing)" : name;
  }
}
