package org.jgrub.fs.iso9660;

import java.time.Instant;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One directory record (ECMA-119 section 9.1), its lengths checked against the sector it lies in:
 * the name must fit in the record, the System Use area is what is left after the name and its pad
 * byte, and never a negative length.
 */
record DirRecord(
    int length,
    int extAttrBlocks,
    long extent,
    long dataLength,
    int flags,
    int fileUnitSize,
    int interleaveGap,
    byte[] name,
    ByteView systemUse,
    Instant recorded) {

  static final int FLAG_HIDDEN = 0x01;
  static final int FLAG_DIRECTORY = 0x02;
  static final int FLAG_ASSOCIATED = 0x04;
  static final int FLAG_MULTI_EXTENT = 0x80;

  private static final int DR_LEN = 0;
  private static final int DR_EXT_ATTR_LEN = 1;
  private static final int DR_EXTENT = 2;
  private static final int DR_DATA_LENGTH = 10;
  private static final int DR_RECORDED = 18;
  private static final int DR_FLAGS = 25;
  private static final int DR_FILE_UNIT_SIZE = 26;
  private static final int DR_INTERLEAVE_GAP = 27;
  private static final int DR_NAME_LEN = 32;
  static final int DR_NAME = 33;
  /** The fixed part plus a one-byte name: no record can be shorter (section 9.1.10). */
  static final int MIN_LENGTH = DR_NAME + 1;

  /** The '.' and '..' records carry the one-byte names 0x00 and 0x01 (section 6.8.2.2). */
  boolean isSelfOrParent() {
    return name.length == 1 && (name[0] == 0 || name[0] == 1);
  }

  boolean directory() {
    return (flags & FLAG_DIRECTORY) != 0;
  }

  /** Parses the record at {@code off} of {@code sector}; its length byte must be non-zero. */
  static DirRecord parse(ByteView sector, int off, int room) throws CorruptDataException {
    int len = sector.u8(off + DR_LEN);
    if (len < MIN_LENGTH) {
      throw sector.corrupt("directory record at offset " + off + " has length " + len
          + ", less than the minimum " + MIN_LENGTH);
    }
    if (len > room) {
      throw sector.corrupt("directory record at offset " + off + " of length " + len
          + " runs past its sector (" + room + " bytes left)");
    }
    ByteView r = sector.slice(off, len, sector.what() + " record");
    int nameLen = r.u8(DR_NAME_LEN);
    if (nameLen == 0 || DR_NAME + nameLen > len) {
      throw r.corrupt("name length " + nameLen + " does not fit in a record of " + len
          + " bytes (the System Use length would be negative)");
    }
    // A pad byte follows an even-length name so that System Use starts on an even offset.
    int suStart = DR_NAME + nameLen + ((nameLen & 1) == 0 ? 1 : 0);
    int suLen = Math.max(0, len - suStart);
    ByteView su = r.slice(Math.min(suStart, len), suLen, "iso9660 System Use area");
    return new DirRecord(
        len,
        r.u8(DR_EXT_ATTR_LEN),
        r.u32le(DR_EXTENT),
        r.u32le(DR_DATA_LENGTH),
        r.u8(DR_FLAGS),
        r.u8(DR_FILE_UNIT_SIZE),
        r.u8(DR_INTERLEAVE_GAP),
        r.bytes(DR_NAME, nameLen),
        su,
        IsoTime.short7(r, DR_RECORDED));
  }
}
