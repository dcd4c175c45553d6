package org.jgrub.volume;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.SliceDevice;

/**
 * The BSD disklabel ({@code struct disklabel}) in sector 1 of an MBR slice: FreeBSD (type 0xa5),
 * OpenBSD (0xa6) and NetBSD (0xa9) guests keep their UFS root in partition 'a'. Read, placed and
 * named as GRUB 2's part_bsd does (grub-core/partmap/bsdlabel.c):
 *
 * <ul>
 *   <li>a FreeBSD label's partitions are "hd0,msdos1,bsd1" ('a' is 1), their offsets taken from
 *       the start of the raw partition 'c', which spans the slice; a partition that begins before
 *       it ('d', the whole disk, in labels util-linux fdisk writes) is not nested and is skipped;
 *   <li>NetBSD's and OpenBSD's label describes the whole disk, offsets from the disk's first
 *       sector: "hd0,netbsd1", "hd0,openbsd1";
 *   <li>the raw partition 'c' itself and empty entries are skipped.
 * </ul>
 *
 * The label's partitions replace the slice in the volume list, 'a' first.
 */
final class BsdLabel {
  static final int TYPE_FREEBSD = 0xa5;
  static final int TYPE_OPENBSD = 0xa6;
  static final int TYPE_NETBSD = 0xa9;

  static final int LABEL_SECTOR = 1;
  static final long MAGIC = 0x82564557L;
  static final int OFF_MAGIC = 0;
  static final int OFF_NPARTITIONS = 138;
  static final int OFF_PARTITIONS = 148;
  static final int ENTRY = 16;
  static final int E_SIZE = 0;
  static final int E_OFFSET = 4;
  static final int E_FSTYPE = 12;
  /** The raw partition 'c': the slice (FreeBSD) or the disk (NetBSD, OpenBSD) itself. */
  static final int RAW_PARTITION = 2;
  /** Entries that fit in the label's sector after its header (BSDs allow 8, 16 or 22). */
  static final int MAX_PARTITIONS = (Mbr.SECTOR - OFF_PARTITIONS) / ENTRY;

  private BsdLabel() {}

  /** Whether an MBR slice of {@code type} may hold a BSD label. */
  static boolean isBsdType(int type) {
    return type == TYPE_FREEBSD || type == TYPE_OPENBSD || type == TYPE_NETBSD;
  }

  /** Whether {@code slice} carries a label in its sector 1. */
  static boolean present(BlockDevice slice) throws IOException {
    if (slice.size() < (LABEL_SECTOR + 1L) * Mbr.SECTOR) {
      return false;
    }
    ByteView l = ByteView.read(slice, LABEL_SECTOR * Mbr.SECTOR, Mbr.SECTOR, "BSD disklabel");
    return l.u32le(OFF_MAGIC) == MAGIC;
  }

  /**
   * The label's partitions on {@code disk}; {@code slice} is MBR partition {@code number} of
   * {@code type}, starting at disk byte {@code sliceOffset}.
   */
  static List<Volume> partitions(
      BlockDevice disk, BlockDevice slice, int number, int type, long sliceOffset,
      List<String> notes) throws IOException {
    String label = "BSD disklabel of partition " + number;
    ByteView l = ByteView.read(slice, LABEL_SECTOR * Mbr.SECTOR, Mbr.SECTOR, label);
    int n = l.u16le(OFF_NPARTITIONS);
    if (n > MAX_PARTITIONS) {
      throw l.corrupt("claims " + n + " partitions, more than the " + MAX_PARTITIONS
          + " that fit in its sector");
    }
    boolean freebsd = type == TYPE_FREEBSD;
    String map = freebsd ? "bsd" : type == TYPE_NETBSD ? "netbsd" : "openbsd";
    // FreeBSD's offsets count from the raw partition, which spans the slice.
    long delta = 0;
    if (freebsd && n > RAW_PARTITION) {
      delta = l.u32le(OFF_PARTITIONS + RAW_PARTITION * ENTRY + E_OFFSET) * Mbr.SECTOR;
    }
    BlockDevice base = freebsd ? slice : disk;
    long baseOffset = freebsd ? sliceOffset : 0;
    List<Volume> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int e = OFF_PARTITIONS + i * ENTRY;
      long size = l.u32le(e + E_SIZE) * Mbr.SECTOR;
      long start = l.u32le(e + E_OFFSET) * Mbr.SECTOR;
      if (i == RAW_PARTITION || size == 0) {
        continue;
      }
      char letter = (char) ('a' + i);
      String name = "partition " + number + " BSD partition " + letter;
      if (start < delta) {
        notes.add(name + " begins before its slice (not nested); skipped");
        continue;
      }
      start -= delta;
      if (start >= base.size() || size > base.size() - start) {
        notes.add(name + " lies outside its " + (freebsd ? "slice" : "disk") + "; skipped");
        continue;
      }
      String grubName =
          freebsd ? "hd0,msdos" + number + "," + map + (i + 1) : "hd0," + map + (i + 1);
      out.add(new Volume(grubName, name, new SliceDevice(base, start, size, name),
          Optional.of(new PartitionInfo(i + 1, baseOffset + start, size,
              "fstype " + l.u8(e + E_FSTYPE), Optional.empty(), Optional.empty(),
              Optional.empty(), false))));
    }
    if (out.isEmpty()) {
      notes.add(label + " has no usable partition");
    }
    return out;
  }
}
