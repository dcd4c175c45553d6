package org.jgrub.volume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.SliceDevice;

/**
 * The GUID partition table (UEFI 2.10, section 5.3): a header at LBA 1 naming where the entry
 * array lies, how many entries it has and how large each is, both protected by CRC32; a backup
 * header at the last LBA. The header's own entry LBA, count and size are used (pygrub assumes
 * the array follows the header), and logical blocks of 512 and 4096 bytes are both tried.
 */
final class Gpt {
  static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
  // Header fields.
  static final int H_SIGNATURE = 0;
  static final int H_SIZE = 12;
  static final int H_CRC = 16;
  static final int H_MY_LBA = 24;
  static final int H_ALTERNATE_LBA = 32;
  static final int H_ENTRIES_LBA = 72;
  static final int H_ENTRY_COUNT = 80;
  static final int H_ENTRY_SIZE = 84;
  static final int H_ENTRIES_CRC = 88;
  static final int H_MIN_SIZE = 92;
  // Entry fields.
  static final int P_TYPE = 0;
  static final int P_UNIQUE = 16;
  static final int P_FIRST = 32;
  static final int P_LAST = 40;
  static final int P_NAME = 56;
  static final int P_NAME_LEN = 72;
  /** Real tables hold 128 entries of 128 bytes (16 KiB); a larger array than this is hostile. */
  static final int MAX_ARRAY_BYTES = 1 << 20;

  private Gpt() {}

  /**
   * The logical block size at which a GPT header is found (512 or 4096), at LBA 1 or, when the
   * primary header is gone, at the last LBA (the backup); 0 when there is none.
   */
  static int detectBlockSize(BlockDevice disk) throws IOException {
    for (int bs : new int[] {512, 4096}) {
      if (disk.size() >= 2L * bs && isSignature(disk.read(bs, SIGNATURE.length))) {
        return bs;
      }
    }
    for (int bs : new int[] {512, 4096}) {
      long last = (disk.size() / bs - 1) * bs;
      if (last >= bs && isSignature(disk.read(last, SIGNATURE.length))) {
        return bs;
      }
    }
    return 0;
  }

  private static boolean isSignature(byte[] b) {
    return java.util.Arrays.equals(b, SIGNATURE);
  }

  /**
   * The partitions of the GPT: from the primary header, or from the backup header when the
   * primary is damaged (noted). Throws when neither is usable.
   */
  static List<Volume> partitions(BlockDevice disk, int bs, List<String> notes) throws IOException {
    long lastLba = disk.size() / bs - 1;
    CorruptDataException primaryError;
    long alternate = lastLba;
    try {
      ByteView h = header(disk, bs, 1);
      long alt = h.u64le(H_ALTERNATE_LBA);
      if (alt > 1 && alt <= lastLba) {
        alternate = alt;
      }
      return entries(disk, bs, h);
    } catch (CorruptDataException e) {
      primaryError = e;
    }
    try {
      ByteView h = header(disk, bs, alternate);
      List<Volume> v = entries(disk, bs, h);
      notes.add(primaryError.getMessage() + "; using the backup GPT header at LBA " + alternate);
      return v;
    } catch (CorruptDataException e) {
      throw new CorruptDataException(
          primaryError.getMessage() + "; backup header: " + e.getMessage());
    }
  }

  private static ByteView header(BlockDevice disk, int bs, long lba) throws IOException {
    String what = "GPT header at LBA " + lba;
    if (lba < 1 || lba > (disk.size() / bs) - 1) {
      throw new CorruptDataException(what + " lies outside the disk");
    }
    ByteView h = ByteView.read(disk, lba * bs, bs, what);
    if (!isSignature(h.bytes(H_SIGNATURE, 8))) {
      throw h.corrupt("no 'EFI PART' signature");
    }
    long size = h.u32le(H_SIZE);
    if (size < H_MIN_SIZE || size > bs) {
      throw h.corrupt("header size " + size + " out of range");
    }
    byte[] copy = h.bytes(0, (int) size);
    long stored = h.u32le(H_CRC);
    copy[H_CRC] = copy[H_CRC + 1] = copy[H_CRC + 2] = copy[H_CRC + 3] = 0;
    if (crc(copy) != stored) {
      throw h.corrupt("header CRC32 mismatch");
    }
    if (h.u64le(H_MY_LBA) != lba) {
      throw h.corrupt("header says it lies at LBA " + h.u64le(H_MY_LBA));
    }
    return h;
  }

  private static List<Volume> entries(BlockDevice disk, int bs, ByteView h) throws IOException {
    long count = h.u32le(H_ENTRY_COUNT);
    long esize = h.u32le(H_ENTRY_SIZE);
    long lba = h.u64le(H_ENTRIES_LBA);
    if (esize < 128 || esize > 4096 || esize % 8 != 0) {
      throw h.corrupt("partition entry size " + esize + " is not a multiple of 8 in 128..4096");
    }
    long total = count * esize;
    if (total > MAX_ARRAY_BYTES) {
      throw h.corrupt(
          "claims " + count + " partition entries of " + esize + " bytes (" + total
              + " bytes; at most " + MAX_ARRAY_BYTES + " are read)");
    }
    if (lba < 1 || lba > disk.size() / bs || total > disk.size() - lba * bs) {
      throw h.corrupt("partition entry array at LBA " + lba + " lies outside the disk");
    }
    byte[] array = disk.read(lba * bs, (int) total);
    if (crc(array) != h.u32le(H_ENTRIES_CRC)) {
      throw h.corrupt("partition entry array CRC32 mismatch");
    }
    ByteView a = ByteView.of(array, "GPT partition entries", lba * bs);
    List<Volume> out = new ArrayList<>();
    long lastLba = disk.size() / bs - 1;
    for (int i = 0; i < count; i++) {
      int o = (int) (i * esize);
      if (a.isZero(o + P_TYPE, 16)) {
        continue;
      }
      long first = a.u64le(o + P_FIRST);
      long last = a.u64le(o + P_LAST);
      int number = i + 1;
      if (first < 0 || last < first || last > lastLba) {
        throw a.corrupt("partition " + number + " spans LBA " + first + ".." + last
            + ", outside the disk (last LBA " + lastLba + ")");
      }
      byte[] typeGuid = a.bytes(o + P_TYPE, 16);
      String type = PartitionTypes.gptName(typeGuid);
      String name = "partition " + number;
      String label = a.string(o + P_NAME, P_NAME_LEN, StandardCharsets.UTF_16LE);
      int nul = label.indexOf('\0');
      label = nul < 0 ? label : label.substring(0, nul);
      String desc = name + " (" + type + (label.isEmpty() ? "" : ", \"" + clean(label) + "\"") + ")";
      String typeText = PartitionTypes.guid(typeGuid);
      PartitionInfo info =
          new PartitionInfo(
              number, first * bs, (last - first + 1) * bs, typeText,
              type.equals(typeText) ? Optional.empty() : Optional.of(type),
              Optional.of(PartitionTypes.guid(a.bytes(o + P_UNIQUE, 16))),
              label.isEmpty() ? Optional.empty() : Optional.of(label), false);
      out.add(
          new Volume(
              "hd0,gpt" + number, desc,
              new SliceDevice(disk, first * bs, (last - first + 1) * bs, name), Optional.of(info)));
    }
    return out;
  }

  private static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b, 0, b.length);
    return c.getValue();
  }
}
