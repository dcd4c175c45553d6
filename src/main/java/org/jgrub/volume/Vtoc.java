package org.jgrub.volume;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.SliceDevice;

/**
 * The Solaris x86 VTOC (struct dk_label) in sector 1 of a Solaris fdisk partition: slices with a
 * tag, a start sector relative to the partition and a size. The root slice (tag V_ROOT) is tried
 * first, as pygrub does; other slices follow, except the backup slice that spans the whole
 * partition. Slices are named as GRUB 2's part_sunpc names them: "hd0,msdos1,sunpc1" is slice 0
 * (GRUB legacy's "hd0,0,a").
 */
final class Vtoc {
  static final int LABEL_SECTOR = 1;
  static final int MAGIC_OFFSET = 508;
  static final int MAGIC = 0xdabe;
  static final int NSLICES = 30;
  static final int SLICES = 72;
  static final int SLICE_SIZE = 12;
  static final int S_TAG = 0;
  static final int S_START = 4;
  static final int S_SIZE = 8;
  static final int MAX_SLICES = 16;
  static final int V_ROOT = 2;
  static final int V_BACKUP = 5;

  private Vtoc() {}

  /** Whether the partition carries a VTOC. */
  static boolean present(BlockDevice part) throws IOException {
    if (part.size() < (LABEL_SECTOR + 1) * Mbr.SECTOR) {
      return false;
    }
    ByteView l = ByteView.read(part, LABEL_SECTOR * Mbr.SECTOR, Mbr.SECTOR, "VTOC");
    return l.u16le(MAGIC_OFFSET) == MAGIC;
  }

  static List<Volume> slices(BlockDevice part, int partNumber, long partOffset, List<String> notes)
      throws IOException {
    ByteView l =
        ByteView.read(
            part, LABEL_SECTOR * Mbr.SECTOR, Mbr.SECTOR, "Solaris VTOC of partition " + partNumber);
    int n = l.u16le(NSLICES);
    if (n > MAX_SLICES) {
      throw l.corrupt("claims " + n + " slices (at most " + MAX_SLICES + ")");
    }
    List<Volume> root = new ArrayList<>();
    List<Volume> rest = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int o = SLICES + i * SLICE_SIZE;
      int tag = l.u16le(o + S_TAG);
      long start = l.u32le(o + S_START) * Mbr.SECTOR;
      long size = l.u32le(o + S_SIZE) * Mbr.SECTOR;
      if (size == 0 || tag == V_BACKUP) {
        continue;
      }
      String name = "partition " + partNumber + " slice " + i;
      if (start >= part.size() || size > part.size() - start) {
        notes.add(name + " lies outside its partition; skipped");
        continue;
      }
      Volume v =
          new Volume(
              "hd0,msdos" + partNumber + ",sunpc" + (i + 1), name,
              new SliceDevice(part, start, size, name),
              java.util.Optional.of(
                  new PartitionInfo(
                      i + 1, partOffset + start, size, "tag " + tag, java.util.Optional.empty(),
                      java.util.Optional.empty(), java.util.Optional.empty(), false)));
      (tag == V_ROOT ? root : rest).add(v);
    }
    if (root.isEmpty()) {
      notes.add("Solaris VTOC of partition " + partNumber + " has no root slice");
    }
    root.addAll(rest);
    return root;
  }
}
