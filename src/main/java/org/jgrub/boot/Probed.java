package org.jgrub.boot;

import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.volume.Volume;

/**
 * A volume after probing: its filesystem, or why it has none (no filesystem recognised, or the
 * driver's error). The failure is kept for the final message.
 */
public record Probed(Volume volume, Optional<GuestFs> fs, String failure) {
  /** "partition 1 (ext4)", "partition 2 (Linux filesystem, xfs)" or "partition 3". */
  public String describe() {
    String d = volume.description();
    if (fs.isEmpty()) {
      return d;
    }
    String t = fs.get().type();
    return d.endsWith(")") ? d.substring(0, d.length() - 1) + ", " + t + ")" : d + " (" + t + ")";
  }
}
