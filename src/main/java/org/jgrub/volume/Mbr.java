package org.jgrub.volume;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.SliceDevice;

/**
 * The DOS partition table: four primary entries in sector 0, and logical partitions chained
 * through extended boot records (EBRs), each holding one logical partition and a link to the next.
 */
final class Mbr {
  static final int SECTOR = 512;
  static final int TABLE = 446;
  static final int ENTRY_SIZE = 16;
  static final int SIGNATURE = 510;
  // Entry fields.
  static final int E_STATUS = 0;
  static final int E_TYPE = 4;
  static final int E_LBA = 8;
  static final int E_SECTORS = 12;

  static final int TYPE_EMPTY = 0x00;
  static final int TYPE_GPT_PROTECTIVE = 0xee;
  static final int TYPE_SOLARIS = 0xbf;
  /** Old Solaris partitions share 0x82 with Linux swap; only a VTOC label tells them apart. */
  static final int TYPE_SOLARIS_OLD = 0x82;

  private Mbr() {}

  /** One partition table entry. */
  record Part(int slot, boolean active, int type, long lba, long sectors) {
    boolean isExtended() {
      return type == 0x05 || type == 0x0f || type == 0x85;
    }
  }

  /** What inspect shows of an MBR entry. */
  static PartitionInfo info(int number, boolean active, int type, long offset, long length) {
    String hex = Integer.toHexString(type);
    return new PartitionInfo(
        number, offset, length, hex.length() == 1 ? "0x0" + hex : "0x" + hex,
        Optional.empty(), Optional.empty(), Optional.empty(), active);
  }

  static boolean hasSignature(ByteView s0) throws CorruptDataException {
    return s0.u8(SIGNATURE) == 0x55 && s0.u8(SIGNATURE + 1) == 0xaa;
  }

  /** The four primary entries (empty ones included, as type 0). */
  static List<Part> primaries(ByteView s0) throws CorruptDataException {
    List<Part> out = new ArrayList<>(4);
    for (int i = 0; i < 4; i++) {
      int o = TABLE + i * ENTRY_SIZE;
      out.add(
          new Part(
              i + 1, s0.u8(o + E_STATUS) == 0x80, s0.u8(o + E_TYPE), s0.u32le(o + E_LBA),
              s0.u32le(o + E_SECTORS)));
    }
    return out;
  }

  /** A primary or logical partition as a device, or null (with a note) when it is unusable. */
  static BlockDevice slice(BlockDevice disk, long lba, long sectors, String name, List<String> notes)
      throws CorruptDataException {
    long start = lba * SECTOR;
    long len = sectors * SECTOR;
    if (sectors == 0 || start >= disk.size()) {
      notes.add(name + " starts beyond the end of the disk (sector " + lba + "); skipped");
      return null;
    }
    if (len > disk.size() - start) {
      notes.add(name + " extends past the end of the disk; reading up to the end");
      len = disk.size() - start;
    }
    return new SliceDevice(disk, start, len, name);
  }

  /**
   * Logical partitions of the extended partition at {@code extLba}: EBR i holds a data entry
   * (relative to the EBR) and a link entry (relative to the extended partition's start). The chain
   * is bounded by {@link Limits#partitionChain} and a visited set, since a crafted disk can loop.
   */
  static List<Volume> logicals(BlockDevice disk, long extLba, List<String> notes, Limits limits)
      throws IOException {
    List<Volume> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long ebr = extLba;
    int number = 5;
    int bound = limits.partitionChain;
    while (true) {
      if (!seen.add(ebr)) {
        notes.add("extended partition: EBR chain loops back to sector " + ebr + "; stopped there");
        break;
      }
      if (seen.size() > bound) {
        notes.add("extended partition: more than " + bound + " logical partitions; stopped");
        break;
      }
      long at = ebr * SECTOR;
      if (at + SECTOR > disk.size() || at < 0) {
        notes.add("extended partition: EBR at sector " + ebr + " lies outside the disk; stopped");
        break;
      }
      ByteView s = ByteView.read(disk, at, SECTOR, "EBR at sector " + ebr);
      if (!hasSignature(s)) {
        notes.add("extended partition: EBR at sector " + ebr + " has no 0x55aa signature; stopped");
        break;
      }
      int d = TABLE;
      int l = TABLE + ENTRY_SIZE;
      int type = s.u8(d + E_TYPE);
      long lba = s.u32le(d + E_LBA);
      long sectors = s.u32le(d + E_SECTORS);
      if (type != TYPE_EMPTY && sectors != 0) {
        String name = "partition " + number;
        BlockDevice dev = slice(disk, ebr + lba, sectors, name, notes);
        if (dev != null) {
          out.add(
              new Volume(
                  "hd0,msdos" + number, name, dev,
                  Optional.of(info(number, false, type, (ebr + lba) * SECTOR, dev.size()))));
        }
      }
      number++;
      long next = s.u32le(l + E_LBA);
      if (s.u8(l + E_TYPE) == TYPE_EMPTY || next == 0) {
        break;
      }
      ebr = extLba + next;
    }
    return out;
  }
}
