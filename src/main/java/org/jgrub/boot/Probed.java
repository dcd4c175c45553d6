package org.jgrub.boot;

import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.volume.Volume;

/**
 * A volume after probing: its filesystem, or why it has none (no filesystem recognised, or the
 * driver's error). The failure is kept for the final message.
 */
public record Probed(Volume volume, Optional<GuestFs> fs, String failure) {
  /** "partition 1 (ext4)" or "partition 2". */
  public String describe() {
    // No lambda: this runs on every boot, and the first lambda run costs the JVM its whole
    // invokedynamic set-up (docs/speed.md).
    return fs.isPresent()
        ? volume.description() + " (" + fs.get().type() + ")"
        : volume.description();
  }
}
