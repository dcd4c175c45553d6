package org.jgrub.fs.zfs;

import java.io.IOException;

/**
 * A node of the pool's vdev tree that can serve reads: a leaf device, a mirror, a raidz group, or
 * a vdev that is missing. Offsets are those of DVAs (the allocatable area, after the front
 * labels and boot region).
 */
abstract class Vdev {
  /**
   * The {@code size} bytes at {@code offset} that pass {@code check}, trying every copy or
   * reconstruction this vdev can offer; null when none passes.
   */
  abstract byte[] read(long offset, int size, BlockCheck check) throws IOException;

  /** The bytes as stored on one copy without checking them; null when unavailable. */
  abstract byte[] readRaw(long offset, int size) throws IOException;

  /** For messages: "mirror-0", "raidz1 of 3", "file /tmp/z/r0.img (missing)". */
  abstract String describe();
}
