package org.jgrub.volume;

import java.util.List;

/**
 * The volumes found on a disk, in the order to try them, and what was noticed on the way (a
 * damaged table, a partition past the end of the disk).
 */
public record VolumeScan(String scheme, List<Volume> volumes, List<String> notes) {
  public VolumeScan {
    volumes = List.copyOf(volumes);
    notes = List.copyOf(notes);
  }
}
