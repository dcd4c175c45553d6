package org.jgrub.fs.fat;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Parses exFAT directory entries fed in pieces (exFAT specification section 6 and 7): each file
 * is an entry set of a File entry, a Stream Extension and File Name entries, verified by its set
 * checksum; sets may cross cluster boundaries. Unused entries, the bitmap, up-case table and GUID
 * entries are skipped; the first 0x00 type ends the directory.
 */
final class ExFatDirectory {
  static final int ENTRY_BYTES = 32;

  private static final int TYPE_END = 0x00;
  private static final int IN_USE = 0x80;
  private static final int TYPE_VOLUME_LABEL = 0x83;
  private static final int TYPE_FILE = 0x85;
  private static final int TYPE_STREAM = 0xC0;
  private static final int TYPE_NAME = 0xC1;

  private static final int LABEL_COUNT = 1;
  private static final int LABEL_CHARS = 2;
  private static final int MAX_LABEL_CHARS = 11;
  private static final int FILE_SECONDARY_COUNT = 1;
  private static final int FILE_SET_CHECKSUM = 2;
  private static final int FILE_ATTRIBUTES = 4;
  private static final int ATTR_DIRECTORY = 0x10;
  /** A File entry has 2 to 18 secondary entries (section 7.4.1). */
  private static final int MIN_SECONDARY = 2;
  private static final int MAX_SECONDARY = 18;
  private static final int STREAM_FLAGS = 1;
  private static final int STREAM_NAME_LENGTH = 3;
  private static final int STREAM_VALID_DATA_LENGTH = 8;
  private static final int STREAM_FIRST_CLUSTER = 20;
  private static final int STREAM_DATA_LENGTH = 24;
  private static final int ALLOCATION_POSSIBLE = 0x01;
  private static final int NO_FAT_CHAIN = 0x02;
  private static final int NAME_CHARS = 2;
  private static final int CHARS_PER_NAME_ENTRY = 15;

  private final String where;
  private final List<ExFatEntry> entries = new ArrayList<>();
  private String volumeLabel;
  private boolean ended;
  private int seen;
  private byte[] set;
  private int setFill;
  private long setAt;

  private final int limit;

  ExFatDirectory(String where, int limit) {
    this.where = where;
    this.limit = limit;
  }

  List<ExFatEntry> entries() {
    return entries;
  }

  String volumeLabel() {
    return volumeLabel;
  }

  /** Parses one piece (whole entries); returns false once the end mark was seen. */
  boolean feed(ByteView piece) throws CorruptDataException {
    for (int off = 0; off + ENTRY_BYTES <= piece.length() && !ended; off += ENTRY_BYTES) {
      Limits.check(++seen, limit, where + ": directory entries");
      entry(piece, off);
    }
    return !ended;
  }

  /** Throws when the directory ended inside an entry set. */
  void finish() throws CorruptDataException {
    if (set != null) {
      throw new CorruptDataException(where + ": directory ends inside the entry set of entry "
          + setAt);
    }
  }

  private void entry(ByteView piece, int off) throws CorruptDataException {
    int type = piece.u8(off);
    if (set != null) {
      if ((type & IN_USE) == 0) {
        throw piece.corrupt("exFAT entry set of entry " + setAt + " interrupted by an unused"
            + " entry at offset " + off);
      }
      System.arraycopy(piece.bytes(off, ENTRY_BYTES), 0, set, setFill, ENTRY_BYTES);
      setFill += ENTRY_BYTES;
      if (setFill == set.length) {
        byte[] s = set;
        set = null;
        entries.add(entrySet(ByteView.of(s, where + " entry set at entry " + setAt)));
      }
      return;
    }
    if (type == TYPE_END) {
      ended = true;
      return;
    }
    if (type == TYPE_VOLUME_LABEL) {
      int n = piece.u8(off + LABEL_COUNT);
      if (n > MAX_LABEL_CHARS) {
        throw piece.corrupt("exFAT volume label of " + n + " characters");
      }
      volumeLabel = utf16(piece, off + LABEL_CHARS, n);
      return;
    }
    if (type == TYPE_FILE) {
      int sc = piece.u8(off + FILE_SECONDARY_COUNT);
      if (sc < MIN_SECONDARY || sc > MAX_SECONDARY) {
        throw piece.corrupt("exFAT File entry at offset " + off + " with " + sc
            + " secondary entries");
      }
      set = new byte[(sc + 1) * ENTRY_BYTES];
      System.arraycopy(piece.bytes(off, ENTRY_BYTES), 0, set, 0, ENTRY_BYTES);
      setFill = ENTRY_BYTES;
      setAt = seen - 1;
    }
    // Unused entries, the allocation bitmap, the up-case table, the volume GUID and stray
    // secondary entries carry nothing a reader of files needs.
  }

  private ExFatEntry entrySet(ByteView s) throws CorruptDataException {
    int stored = s.u16le(FILE_SET_CHECKSUM);
    int sum = 0;
    for (int i = 0; i < s.length(); i++) {
      if (i == FILE_SET_CHECKSUM || i == FILE_SET_CHECKSUM + 1) {
        continue;
      }
      sum = ((sum & 1) != 0 ? 0x8000 : 0) + (sum >>> 1) + s.u8(i) & 0xffff;
    }
    if (sum != stored) {
      throw s.corrupt("exFAT entry set checksum 0x" + Integer.toHexString(sum) + ", stored 0x"
          + Integer.toHexString(stored));
    }
    int stream = ENTRY_BYTES;
    if (s.u8(stream) != TYPE_STREAM) {
      throw s.corrupt("exFAT File entry not followed by a Stream Extension entry");
    }
    int nameLen = s.u8(stream + STREAM_NAME_LENGTH);
    int nameEntries = (nameLen + CHARS_PER_NAME_ENTRY - 1) / CHARS_PER_NAME_ENTRY;
    if (nameLen == 0 || 2 + nameEntries > s.length() / ENTRY_BYTES) {
      throw s.corrupt("exFAT name of " + nameLen + " characters does not fit its entry set");
    }
    char[] name = new char[nameLen];
    for (int i = 0; i < nameLen; i++) {
      int e = (2 + i / CHARS_PER_NAME_ENTRY) * ENTRY_BYTES;
      if (s.u8(e) != TYPE_NAME) {
        throw s.corrupt("exFAT entry set lacks File Name entry " + (i / CHARS_PER_NAME_ENTRY));
      }
      name[i] = (char) s.u16le(e + NAME_CHARS + 2 * (i % CHARS_PER_NAME_ENTRY));
    }
    int flags = s.u8(stream + STREAM_FLAGS);
    long valid = s.u64le(stream + STREAM_VALID_DATA_LENGTH);
    long size = s.u64le(stream + STREAM_DATA_LENGTH);
    long first = s.u32le(stream + STREAM_FIRST_CLUSTER);
    if (size < 0 || valid < 0 || valid > size) {
      throw s.corrupt("exFAT sizes out of range (valid " + valid + ", data " + size + ")");
    }
    if ((flags & ALLOCATION_POSSIBLE) == 0 && size != 0) {
      throw s.corrupt("exFAT entry without allocation has data length " + size);
    }
    boolean dir = (s.u16le(FILE_ATTRIBUTES) & ATTR_DIRECTORY) != 0;
    return new ExFatEntry(
        new String(name), dir, first, size, valid, (flags & NO_FAT_CHAIN) != 0);
  }

  private static String utf16(ByteView v, int off, int chars) throws CorruptDataException {
    char[] c = new char[chars];
    for (int i = 0; i < chars; i++) {
      c[i] = (char) v.u16le(off + 2 * i);
    }
    return new String(c);
  }
}
