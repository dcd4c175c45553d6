package org.jgrub.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.BlockDevice;

/**
 * A place on the disk that may hold a filesystem.
 *
 * @param grubName the name GRUB gives it, without parentheses: "hd0" (whole disk), "hd0,msdos1",
 *     "hd0,gpt2", "hd0,msdos1,sunpc1", "lvm/vg0-root", "md/0"
 * @param description how messages name it: "partition 1", "whole disk", "GPT partition 2 (Linux
 *     filesystem)"
 * @param device its bytes
 * @param partition what the partition table says about it; empty for a whole disk or a pool
 * @param aliases the other names GRUB gives it: a logical volume's {@code lvmid/VG-UUID/LV-UUID}
 *     and an MD array's {@code mduuid/UUID}, which grub-install writes into the core image's prefix
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

  /** A volume with GRUB's one name for it. */
  public Volume(
      String grubName, String description, BlockDevice device, Optional<PartitionInfo> partition) {
    this(grubName, description, device, partition, List.of());
  }

  /** A volume no partition table describes (a whole disk, a pool, an --offset). */
  public Volume(String grubName, String description, BlockDevice device) {
    this(grubName, description, device, Optional.empty());
  }

  /** This volume, also named {@code alias} (nothing changes when that is already a name of it). */
  public Volume alsoNamed(String alias) {
    if (alias.equals(grubName) || aliases.contains(alias)) {
      return this;
    }
    List<String> a = new ArrayList<>(aliases);
    a.add(alias);
    return new Volume(grubName, description, device, partition, a);
  }
}
