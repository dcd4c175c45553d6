package org.jgrub.fs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.io.BlockDevice;

/**
 * Recognises and opens one filesystem. {@link #probe} returns empty when the volume is not this
 * filesystem (no magic) and throws when it is but is broken or uses an unsupported feature: only
 * "not mine" moves on to the next driver.
 */
public interface FsDriver {
  String name();

  Optional<GuestFs> probe(BlockDevice dev) throws IOException;
}
