package org.jgrub.volume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.SliceDevice;
import org.jgrub.volume.lvm.Lvm;
import org.jgrub.volume.md.Md;

/**
 * Finds the volumes of a disk in the order pygrub tries them, with what pygrub misses:
 *
 * <ul>
 *   <li>No 0x55aa signature: the whole disk is one filesystem.
 *   <li>A hybrid ISO (an MBR and "CD001" at 32 KiB): the whole disk first, then the partitions.
 *   <li>A protective MBR (type 0xee): the GPT, from its own header fields, CRC-checked, with the
 *       backup header as fallback.
 *   <li>MBR: the active primary first (pygrub means to but compares bytes with a str and never
 *       does), then the other primaries in slot order, then logical partitions through the EBR
 *       chain (pygrub ignores them); Solaris partitions through their VTOC.
 *   <li>A signature but no usable entry (a boot sector such as GRUB's own): the whole disk.
 * </ul>
 *
 * Then the members of each MD RAID array give way to the array (or the partitions inside it),
 * and any volume that is an LVM2 physical volume (a partition or an array) gives way to the
 * logical volumes of its volume group.
 */
public final class VolumeScanner {
  private static final long ISO_MAGIC_OFFSET = 0x8001;
  private static final byte[] ISO_MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);
  /** The most further disks (--md-member) an MD array may be assembled from. */
  public static final int MAX_MD_DISKS = 32;

  private VolumeScanner() {}

  /**
   * The volumes of {@code disk}: partitions of every table found, then LVM logical volumes
   * assembled from PVs among them; {@code bounds} bound every chain and table.
   */
  public static VolumeScan scan(BlockDevice disk, Bounds bounds) throws IOException {
    return scan(disk, List.of(), bounds);
  }

  /**
   * The volumes of {@code disk}, with the volumes of {@code mdDisks} (the guest's other disks,
   * given with --md-member) joining the MD assembly only: their members complete arrays whose
   * other members {@code disk} holds (or that lie wholly on them), and nothing else on them
   * becomes a volume. They are named as GRUB names the guest's further disks: {@code hd1},
   * {@code hd1,msdos2} and so on.
   */
  public static VolumeScan scan(BlockDevice disk, List<BlockDevice> mdDisks, Bounds bounds)
      throws IOException {
    if (mdDisks.size() > MAX_MD_DISKS) {
      throw new LimitExceededException(mdDisks.size() + " --md-member disks; jgrub assembles MD"
          + " arrays from at most " + MAX_MD_DISKS);
    }
    VolumeScan s = tables(disk, bounds);
    List<String> notes = new ArrayList<>(s.notes());
    List<Volume> all = new ArrayList<>(s.volumes());
    Set<BlockDevice> lent = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < mdDisks.size(); i++) {
      String label = "--md-member " + (i + 1);
      VolumeScan t = tables(mdDisks.get(i), bounds);
      for (Volume v : t.volumes()) {
        String name = "hd" + (i + 1) + v.grubName().substring("hd0".length());
        all.add(new Volume(name, label + ": " + v.description(), v.device(), v.partition()));
        lent.add(v.device());
      }
      for (String n : t.notes()) {
        notes.add(label + ": " + n);
      }
    }
    // MD members first: a 0.90 or 1.0 member's data starts at its byte 0, so the member itself
    // would look like the filesystem or PV that only the array holds.
    List<Volume> volumes = new ArrayList<>();
    for (Volume v : Md.expand(all, notes, bounds)) {
      if (!lent.contains(v.device())) {
        volumes.add(v);
      } else {
        notes.add(v.description() + ": not a member of an MD array that could be assembled;"
            + " not used");
      }
    }
    // LVM2 PVs are found by their label in any volume (a whole disk, a partition, an array).
    volumes = Lvm.expand(volumes, notes, bounds);
    return new VolumeScan(s.scheme(), volumes, notes);
  }

  private static VolumeScan tables(BlockDevice disk, Bounds bounds) throws IOException {
    List<String> notes = new ArrayList<>();
    if (disk.size() < Mbr.SECTOR) {
      throw new CorruptDataException(
          disk.describe() + ": only " + disk.size() + " bytes, smaller than one sector");
    }
    ByteView s0 = ByteView.read(disk, 0, Mbr.SECTOR, "MBR");
    if (!Mbr.hasSignature(s0)) {
      return new VolumeScan("none", List.of(whole(disk)), notes);
    }
    List<Volume> out = new ArrayList<>();
    String scheme = "msdos";
    if (isIso(disk)) {
      out.add(whole(disk));
      scheme = "hybrid-iso";
    }
    List<Mbr.Part> parts = Mbr.primaries(s0);
    for (Mbr.Part p : parts) {
      if (p.type() == Mbr.TYPE_GPT_PROTECTIVE) {
        int bs = Gpt.detectBlockSize(disk);
        if (bs == 0) {
          notes.add("protective MBR, but no GPT header at LBA 1 (512- or 4096-byte sectors)");
          break;
        }
        try {
          out.addAll(Gpt.partitions(disk, bs, notes));
          return new VolumeScan("gpt", out, notes);
        } catch (CorruptDataException e) {
          bounds.budget().rethrow();
          notes.add(e.getMessage());
          break;
        }
      }
    }
    List<Volume> primaries = new ArrayList<>();
    for (Mbr.Part p : parts) {
      if (p.type() == Mbr.TYPE_EMPTY || p.lba() == 0 || p.type() == Mbr.TYPE_GPT_PROTECTIVE) {
        continue;
      }
      if (p.isExtended()) {
        primaries.addAll(Mbr.logicals(disk, p.lba(), notes, bounds.limits()));
        continue;
      }
      String name = "partition " + p.slot();
      BlockDevice dev = Mbr.slice(disk, p.lba(), p.sectors(), name, notes);
      if (dev == null) {
        continue;
      }
      if ((p.type() == Mbr.TYPE_SOLARIS || p.type() == Mbr.TYPE_SOLARIS_OLD) && Vtoc.present(dev)) {
        primaries.addAll(Vtoc.slices(dev, p.slot(), p.lba() * Mbr.SECTOR, notes));
        continue;
      }
      if (BsdLabel.isBsdType(p.type()) && BsdLabel.present(dev)) {
        primaries.addAll(
            BsdLabel.partitions(disk, dev, p.slot(), p.type(), p.lba() * Mbr.SECTOR, notes));
        continue;
      }
      Volume v =
          new Volume(
              "hd0,msdos" + p.slot(), name, dev,
              java.util.Optional.of(
                  Mbr.info(p.slot(), p.active(), p.type(), p.lba() * Mbr.SECTOR, dev.size())));
      if (p.active()) {
        primaries.add(0, v);
      } else {
        primaries.add(v);
      }
    }
    // Logical partitions were added where their extended partition sits; the active primary
    // moved to the front. pygrub's order for the rest is slot order.
    out.addAll(primaries);
    if (out.isEmpty()) {
      notes.add("MBR signature present but no usable partition entry; reading the whole disk");
      out.add(whole(disk));
      scheme = "none";
    }
    return new VolumeScan(scheme, out, notes);
  }

  /**
   * The volumes inside a device that is itself a disk to GRUB (an MD array): its partitions,
   * named {@code DISK,msdos1} and so on, or the whole device named {@code DISK}.
   */
  public static List<Volume> inside(
      BlockDevice dev, String diskName, String description, List<String> notes, Bounds bounds)
      throws IOException {
    return inside(dev, diskName, List.of(), description, notes, bounds);
  }

  /** {@link #inside}, each volume also named by the disk's {@code aliases} ({@code ALIAS,msdos1}). */
  public static List<Volume> inside(
      BlockDevice dev, String diskName, List<String> aliases, String description,
      List<String> notes, Bounds bounds) throws IOException {
    if (dev.size() < Mbr.SECTOR) {
      return List.of(new Volume(diskName, description, dev).withAliases(aliases));
    }
    VolumeScan s = tables(dev, bounds);
    List<Volume> out = new ArrayList<>();
    for (Volume v : s.volumes()) {
      // The tables name what they find on "hd0"; inside an array the disk is the array, by each
      // of its names.
      String suffix = v.grubName().substring("hd0".length());
      List<String> other = new ArrayList<>();
      for (String a : aliases) {
        other.add(a + suffix);
      }
      String desc = v.grubName().equals("hd0") ? description : description + ", " + v.description();
      out.add(new Volume(diskName + suffix, desc, v.device(), v.partition(), other));
    }
    for (String n : s.notes()) {
      notes.add(description + ": " + n);
    }
    return out;
  }

  /** The volume at a byte offset given on the command line (--offset), as pygrub does. */
  public static VolumeScan atOffset(BlockDevice disk, long offset) throws IOException {
    if (offset < 0 || offset >= disk.size()) {
      throw new CorruptDataException(
          "--offset " + offset + " lies outside " + disk.describe() + " (size " + disk.size()
              + ")");
    }
    String name = "offset " + offset;
    return new VolumeScan(
        "offset",
        List.of(new Volume("hd0", name, new SliceDevice(disk, offset, disk.size() - offset, name))),
        List.of());
  }

  private static Volume whole(BlockDevice disk) {
    return new Volume("hd0", "whole disk", disk);
  }

  private static boolean isIso(BlockDevice disk) throws IOException {
    return disk.size() >= ISO_MAGIC_OFFSET + ISO_MAGIC.length
        && Arrays.equals(disk.read(ISO_MAGIC_OFFSET, ISO_MAGIC.length), ISO_MAGIC);
  }
}
