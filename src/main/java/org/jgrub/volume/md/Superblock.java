package org.jgrub.volume.md;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * One member's MD superblock (the kernel's include/uapi/linux/raid/md_p.h), reduced to what reading
 * the array needs. Version 0.90 lies in the last 64 KiB-aligned 64 KiB of the member, in the
 * byte order of the host that wrote it, and its data starts at byte 0; version 1.x is little-endian
 * and lies at the end (1.0: 8 to 12 KiB before the end, 4 KiB aligned), at the start (1.1) or 4 KiB
 * from the start (1.2), with the data at its own {@code data_offset}.
 *
 * @param version "0.90", "1.0", "1.1" or "1.2"
 * @param uuid the array UUID (16 bytes; for 0.90 the four words in the order mdadm prints them)
 * @param name 1.x: the set name as stored ("host:name" or "name"); 0.90: empty
 * @param minor 0.90: the preferred minor (md0 is 0); 1.x: -1
 * @param level -1 linear, 0, 1, 4, 5, 6, 10 (other values are refused)
 * @param layout the raid5/6/10 layout number
 * @param chunk the chunk size in bytes (0 for raid1)
 * @param raidDisks how many members the array has when complete
 * @param role this member's slot (0..raidDisks-1), or -1 for a spare, faulty or removed member
 * @param dataOffset where this member's data starts, in bytes from the start of the member
 * @param dataSize how many bytes of data this member holds
 * @param componentSize the bytes of each member the array uses (raid1/4/5/6/10); 0 if unset
 * @param events the update count; members behind the newest are stale
 * @param recoveredTo 1.x: a member being rebuilt holds valid data only below this byte; else -1
 * @param at the byte of the member where the superblock lies (for messages)
 */
record Superblock(
    String version, byte[] uuid, String name, int minor, int level, int layout, long chunk,
    int raidDisks, int role, long dataOffset, long dataSize, long componentSize, long events,
    long recoveredTo, long at) {
  static final long MAGIC = 0xa92b4efcL;
  /** The most members a 1.x superblock of 4 KiB can list ((4096 - 256) / 2); 0.90 lists 27. */
  static final int MAX_DISKS = 1920;
  static final int SB90_BYTES = 4096;
  /** md_p.h MD_SB_DISKS: the member descriptors a 0.90 superblock has room for. */
  static final int SB90_DISKS = 27;
  static final long SB90_RESERVED = 64 * 1024;
  static final int SB1_HEADER = 256;
  static final int SB1_MAX_BYTES = 4096;
  // 1.x fields (md_p.h struct mdp_superblock_1).
  static final int S1_MAJOR = 4;
  static final int S1_FEATURES = 8;
  static final int S1_UUID = 16;
  static final int S1_NAME = 32;
  static final int S1_LEVEL = 72;
  static final int S1_LAYOUT = 76;
  static final int S1_SIZE = 80;
  static final int S1_CHUNK = 88;
  static final int S1_RAID_DISKS = 92;
  static final int S1_DATA_OFFSET = 128;
  static final int S1_DATA_SIZE = 136;
  static final int S1_SUPER_OFFSET = 144;
  static final int S1_RECOVERY_OFFSET = 152;
  static final int S1_DEV_NUMBER = 160;
  static final int S1_EVENTS = 200;
  static final int S1_CSUM = 216;
  static final int S1_MAX_DEV = 220;
  static final int S1_ROLES = 256;
  /** feature_map bits (md_p.h MD_FEATURE_*). */
  static final long F_RECOVERY_OFFSET = 2;
  static final long F_RESHAPE_ACTIVE = 4;
  static final long F_JOURNAL = 512;
  // 0.90 fields, as 32-bit words (md_p.h mdp_super_t).
  static final int W_MAJOR = 1;
  static final int W_MINOR = 2;
  static final int W_UUID0 = 5;
  static final int W_LEVEL = 7;
  static final int W_SIZE = 8;
  static final int W_RAID_DISKS = 10;
  static final int W_MD_MINOR = 11;
  static final int W_UUID1 = 13;
  static final int W_CSUM = 38;
  static final int W_EVENTS_LO = 39;
  static final int W_EVENTS_HI = 40;
  static final int W_LAYOUT = 64;
  static final int W_CHUNK = 65;
  static final int W_THIS_DISK = 992;
  /** mdp_disk_t: number, major, minor, raid_disk, state; state bits. */
  static final int D_RAID_DISK = 3;
  static final int D_STATE = 4;
  static final int D_FAULTY = 1;
  static final int D_ACTIVE = 2;
  static final int D_SYNC = 4;

  /** The superblock of {@code dev}, or empty when it carries none (no magic where one would be). */
  static Optional<Superblock> find(BlockDevice dev) throws IOException {
    long size = dev.size();
    if (size >= SB90_RESERVED + SB90_BYTES) {
      long at = (size & ~(SB90_RESERVED - 1)) - SB90_RESERVED;
      ByteView m = ByteView.read(dev, at, 4, "MD 0.90 superblock magic");
      if (m.u32le(0) == MAGIC || m.u32be(0) == MAGIC) {
        Optional<Superblock> s = v090(ByteView.read(dev, at, SB90_BYTES, "MD 0.90 superblock"), at, size);
        if (s.isPresent()) {
          return s;
        }
      }
    }
    // 1.1 and 1.2 first: what lies at their offsets is read for any member; 1.0 last.
    long[] places = {0, 4096, size >= 12288 ? ((size - 8192) & ~4095L) : -1};
    String[] names = {"1.1", "1.2", "1.0"};
    for (int i = 0; i < places.length; i++) {
      long at = places[i];
      if (at < 0 || at + SB1_MAX_BYTES > size) {
        continue;
      }
      // The magic alone first: every volume of every disk is looked at here.
      if (ByteView.read(dev, at, 4, "MD superblock magic").u32le(0) != MAGIC) {
        continue;
      }
      ByteView b = ByteView.read(dev, at, SB1_MAX_BYTES, "MD " + names[i] + " superblock");
      // A superblock knows where it lies: a 1.2 superblock copied into an array's data (a
      // nested array, an image of a member) is not taken for the outer device's.
      if (b.u64le(S1_SUPER_OFFSET) == at / 512) {
        return Optional.of(v1(b, names[i], at, size));
      }
    }
    return Optional.empty();
  }

  private static Optional<Superblock> v090(ByteView b, long at, long devSize)
      throws CorruptDataException, UnsupportedFeatureException {
    boolean be = b.u32le(0) != MAGIC;
    if (b.u32(W_MAJOR * 4, be) != 0 || b.u32(W_MINOR * 4, be) != 90) {
      return Optional.empty(); // 0.91 (reshape) or another 0.x: not what mdadm writes today
    }
    String where = "MD 0.90 superblock at byte " + at;
    checksum090(b, be, where);
    byte[] uuid = new byte[16];
    int[] words = {W_UUID0, W_UUID1, W_UUID1 + 1, W_UUID1 + 2};
    for (int i = 0; i < 4; i++) {
      long w = b.u32(words[i] * 4, be);
      for (int k = 0; k < 4; k++) {
        uuid[i * 4 + k] = (byte) (w >>> (24 - 8 * k));
      }
    }
    long disks = b.u32(W_RAID_DISKS * 4, be);
    if (disks < 1 || disks > SB90_DISKS) {
      throw new CorruptDataException(where + ": raid_disks " + disks + " (a 0.90 array has 1 to "
          + SB90_DISKS + " members)");
    }
    int raidDisks = (int) disks;
    int state = (int) b.u32((W_THIS_DISK + D_STATE) * 4, be);
    long slot = b.u32((W_THIS_DISK + D_RAID_DISK) * 4, be);
    boolean active = (state & D_FAULTY) == 0 && (state & D_ACTIVE) != 0 && (state & D_SYNC) != 0;
    int role = active && slot < raidDisks ? (int) slot : -1;
    long events = (b.u32(W_EVENTS_HI * 4, be) << 32) | b.u32(W_EVENTS_LO * 4, be);
    long chunk = b.u32(W_CHUNK * 4, be);
    long component = b.u32(W_SIZE * 4, be) * 1024;
    // The data area is everything before the superblock's reserved 64 KiB.
    return Optional.of(
        new Superblock("0.90", uuid, "", (int) Math.min(b.u32(W_MD_MINOR * 4, be), Integer.MAX_VALUE),
            (int) b.u32(W_LEVEL * 4, be), (int) b.u32(W_LAYOUT * 4, be), chunk, raidDisks, role,
            0, at, component, events, -1, at));
  }

  private static Superblock v1(ByteView b, String version, long at, long devSize)
      throws CorruptDataException, UnsupportedFeatureException {
    String where = "MD " + version + " superblock at byte " + at;
    if (b.u32le(S1_MAJOR) != 1) {
      throw new UnsupportedFeatureException(where + ": major version " + b.u32le(S1_MAJOR));
    }
    long maxDev = b.u32le(S1_MAX_DEV);
    if (maxDev > MAX_DISKS) {
      throw new CorruptDataException(where + ": max_dev " + maxDev + " (a 4 KiB superblock lists at most "
          + MAX_DISKS + " devices)");
    }
    checksum1(b, SB1_HEADER + 2 * (int) maxDev, where);
    long features = b.u32le(S1_FEATURES);
    if ((features & F_RESHAPE_ACTIVE) != 0) {
      throw new UnsupportedFeatureException(where + ": a reshape is in progress (let Linux finish it"
          + " with mdadm --grow --continue, then try again)");
    }
    if ((features & F_JOURNAL) != 0) {
      throw new UnsupportedFeatureException(where + ": the array has a write journal, whose"
          + " unwritten stripes jgrub does not replay");
    }
    long devNumber = b.u32le(S1_DEV_NUMBER);
    int role = -1;
    if (devNumber < maxDev) {
      int r = b.u16le(S1_ROLES + 2 * (int) devNumber);
      role = r >= 0xfffe ? -1 : r; // 0xffff spare, 0xfffe faulty
    }
    long raidDisks = b.u32le(S1_RAID_DISKS);
    if (raidDisks < 1 || raidDisks > MAX_DISKS) {
      throw new CorruptDataException(where + ": raid_disks " + raidDisks + " (a 1.x array has 1 to "
          + MAX_DISKS + " members)");
    }
    if (role >= raidDisks) {
      role = -1;
    }
    long dataOffset = sectors(b, S1_DATA_OFFSET, where, "data_offset");
    long dataSize = sectors(b, S1_DATA_SIZE, where, "data_size");
    if (dataOffset > devSize || dataSize > devSize - dataOffset) {
      throw new CorruptDataException(where + ": data at byte " + dataOffset + " (+" + dataSize
          + ") lies past the end of the member (" + devSize + " bytes)");
    }
    long recovered = (features & F_RECOVERY_OFFSET) != 0
        ? sectors(b, S1_RECOVERY_OFFSET, where, "recovery_offset") : -1;
    String name = b.cstring(S1_NAME, 32, StandardCharsets.UTF_8);
    return new Superblock(version, b.bytes(S1_UUID, 16), name, -1, b.s32le(S1_LEVEL),
        (int) b.u32le(S1_LAYOUT), b.u32le(S1_CHUNK) * 512, (int) raidDisks,
        role, dataOffset, dataSize, sectors(b, S1_SIZE, where, "size"), b.u64le(S1_EVENTS),
        recovered, at);
  }

  /** mdadm's calc_sb0_csum: the 1024 words, sb_csum as 0, summed in 64 bits, folded to 32. */
  static void checksum090(ByteView b, boolean be, String where) throws CorruptDataException {
    long sum = 0;
    for (int w = 0; w < SB90_BYTES / 4; w++) {
      sum += w == W_CSUM ? 0 : b.u32(w * 4, be);
    }
    long csum = ((sum & 0xffffffffL) + (sum >>> 32)) & 0xffffffffL;
    if (csum != b.u32(W_CSUM * 4, be)) {
      throw new CorruptDataException(where + ": checksum 0x" + Long.toHexString(b.u32(W_CSUM * 4, be))
          + ", computed 0x" + Long.toHexString(csum));
    }
  }

  /**
   * mdadm's calc_sb_1_csum: the little-endian words of the first {@code bytes} bytes (a trailing
   * half word added as 16 bits), sb_csum as 0, summed in 64 bits, the high half added to the low.
   */
  static void checksum1(ByteView b, int bytes, String where) throws CorruptDataException {
    long sum = 0;
    int off = 0;
    for (; bytes - off >= 4; off += 4) {
      sum += off == S1_CSUM ? 0 : b.u32le(off);
    }
    if (bytes - off == 2) {
      sum += b.u16le(off);
    }
    long csum = ((sum & 0xffffffffL) + (sum >>> 32)) & 0xffffffffL;
    if (csum != b.u32le(S1_CSUM)) {
      throw new CorruptDataException(where + ": checksum 0x" + Long.toHexString(b.u32le(S1_CSUM))
          + ", computed 0x" + Long.toHexString(csum));
    }
  }

  /** A 64-bit sector count as bytes, refused when it does not fit. */
  private static long sectors(ByteView b, int off, String where, String field)
      throws CorruptDataException {
    long s = b.u64le(off);
    if (s < 0 || s > Long.MAX_VALUE / 512) {
      throw new CorruptDataException(where + ": " + field + " of " + Long.toUnsignedString(s)
          + " sectors");
    }
    return s * 512;
  }

  /** The array UUID as mdadm prints it (four groups of eight hex digits, colon-separated). */
  String uuidText() {
    StringBuilder s = new StringBuilder(35);
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        s.append(':');
      }
      s.append(Character.forDigit((uuid[i] >> 4) & 0xf, 16)).append(Character.forDigit(uuid[i] & 0xf, 16));
    }
    return s.toString();
  }
}
