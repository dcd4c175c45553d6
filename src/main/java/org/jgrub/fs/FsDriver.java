package org.jgrub.fs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;

/**
 * Recognises and opens one filesystem. {@link #probe} returns empty when the volume is not this
 * filesystem (no magic) and throws when it is but is broken or uses an unsupported feature: only
 * "not mine" moves on to the next driver.
 */
public interface FsDriver {
  String name();

  /**
   * The filesystem on {@code dev}, or empty when it is not this one. Every structure the driver
   * reads is bounded by {@code bounds}, which the filesystem keeps for the lookups and reads that
   * follow ({@link GuestFs#bounds}).
   */
  Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException;
}
