package org.jgrub.volume;

import java.util.Optional;
import org.jgrub.io.BlockDevice;

/**
 * A place on the disk that may hold a filesystem.
 *
 * @param grubName the name GRUB gives it, without parentheses: "hd0" (whole disk), "hd0,msdos1",
 *     "hd0,gpt2", "hd0,msdos1,sunpc1"
 * @param description how messages name it: "partition 1", "whole disk", "GPT partition 2 (Linux
 *     filesystem)"
 * @param device its bytes
 * @param partition what the partition table says about it; empty for a whole disk or a pool
 */
public record Volume(
    String grubName, String description, BlockDevice device, Optional<PartitionInfo> partition) {
  /** A volume no partition table describes (a whole disk, a pool, an --offset). */
  public Volume(String grubName, String description, BlockDevice device) {
    this(grubName, description, device, Optional.empty());
  }
}
