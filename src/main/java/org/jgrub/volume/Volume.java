package org.jgrub.volume;

import java.util.List;
import java.util.Optional;
import org.jgrub.io.BlockDevice;

/**
 * A place on the disk that may hold a filesystem.
 *
 * @param grubName the name GRUB gives it, without parentheses: "hd0" (whole disk), "hd0,msdos1",
 *     "hd0,gpt2", "hd0,msdos1,sunpc1", "lvm/vg0-boot", "md/boot"
 * @param description how messages name it: "partition 1", "whole disk", "GPT partition 2 (Linux
 *     filesystem)"
 * @param device its bytes
 * @param partition what the partition table says about it; empty for a whole disk or a pool
 * @param aliases the other names GRUB also opens it by, without parentheses: an LVM LV's {@code
 *     lvmid/VGUUID/LVUUID}, an MD array's {@code mduuid/HEX} (grub-core/disk/diskfilter.c's
 *     idname, which grub-mkconfig writes in {@code set root=} and {@code search --hint=})
 */
public record Volume(
    String grubName,
    String description,
    BlockDevice device,
    Optional<PartitionInfo> partition,
    List<String> aliases) {
  public Volume {
    aliases = List.copyOf(aliases);
  }

  /** A volume with no other name. */
  public Volume(
      String grubName, String description, BlockDevice device, Optional<PartitionInfo> partition) {
    this(grubName, description, device, partition, List.of());
  }

  /** A volume no partition table describes (a whole disk, a pool, an --offset). */
  public Volume(String grubName, String description, BlockDevice device) {
    this(grubName, description, device, Optional.empty());
  }

  /** The same volume, known to GRUB by these other names too. */
  public Volume withAliases(List<String> names) {
    return new Volume(grubName, description, device, partition, names);
  }

  /** Every name GRUB opens it by: {@link #grubName} first, then the aliases. */
  public List<String> names() {
    List<String> out = new java.util.ArrayList<>(aliases.size() + 1);
    out.add(grubName);
    out.addAll(aliases);
    return out;
  }
}
