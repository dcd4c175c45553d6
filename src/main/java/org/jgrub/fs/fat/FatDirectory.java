package org.jgrub.fs.fat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Parses 32-byte directory entries fed in pieces (spec sections 6 and 7): short entries with the
 * NT lower-case flags, VFAT long-name sequences verified by ordinal and checksum, deleted entries
 * and volume labels skipped, the first 0x00 name byte ending the directory.
 */
final class FatDirectory {
  static final int ENTRY_BYTES = 32;

  private static final int DIR_NAME = 0;
  private static final int DIR_ATTR = 11;
  /** Byte 12, "reserved for Windows NT": bit 3 lower-case base, bit 4 lower-case extension. */
  private static final int DIR_NT_RES = 12;
  private static final int DIR_FST_CLUS_HI = 20;
  private static final int DIR_FST_CLUS_LO = 26;
  private static final int DIR_FILE_SIZE = 28;
  private static final int NT_LOWER_BASE = 0x08;
  private static final int NT_LOWER_EXT = 0x10;

  private static final int ATTR_VOLUME_ID = 0x08;
  private static final int ATTR_DIRECTORY = 0x10;
  private static final int ATTR_LONG_NAME = 0x0F;
  private static final int ATTR_LONG_NAME_MASK = 0x3F;

  private static final int LDIR_ORD = 0;
  private static final int LDIR_CHKSUM = 13;
  private static final int LAST_LONG_ENTRY = 0x40;
  private static final int LONG_ORD_MASK = 0x3F;
  /** 255 characters at 13 per entry (section 7). */
  private static final int MAX_LONG_ENTRIES = 20;
  private static final int CHARS_PER_ENTRY = 13;
  /** Where the 13 UTF-16 units of a long entry lie: 5 at 1, 6 at 14, 2 at 28. */
  private static final int[] LDIR_CHAR_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

  private static final int END_OF_DIRECTORY = 0x00;
  private static final int DELETED = 0xE5;
  /** A first name byte of 0x05 stands for 0xE5 (a KANJI lead byte), section 6.1. */
  private static final int KANJI_E5 = 0x05;

  private final boolean fat32;
  private final String where;
  private final List<FatEntry> entries = new ArrayList<>();
  private String volumeLabel;
  private boolean ended;
  private int seen;

  // The long name being assembled: expected next ordinal, its checksum, its UTF-16 units.
  private char[] longName;
  private int nextOrd;
  private int longSum;

  private final int limit;

  FatDirectory(boolean fat32, String where, int limit) {
    this.fat32 = fat32;
    this.limit = limit;
    this.where = where;
  }

  List<FatEntry> entries() {
    return entries;
  }

  /** The volume label entry's name, if this is a root directory that has one. */
  String volumeLabel() {
    return volumeLabel;
  }

  boolean ended() {
    return ended;
  }

  /** Parses one piece (a whole number of entries); returns false once the end mark was seen. */
  boolean feed(ByteView piece) throws CorruptDataException {
    for (int off = 0; off + ENTRY_BYTES <= piece.length() && !ended; off += ENTRY_BYTES) {
      Limits.check(++seen, limit, where + ": directory entries");
      entry(piece.slice(off, ENTRY_BYTES, where + " entry"));
    }
    return !ended;
  }

  private void entry(ByteView e) throws CorruptDataException {
    int first = e.u8(DIR_NAME);
    if (first == END_OF_DIRECTORY) {
      ended = true;
      return;
    }
    if (first == DELETED) {
      longName = null;
      return;
    }
    int attr = e.u8(DIR_ATTR);
    if ((attr & ATTR_LONG_NAME_MASK) == ATTR_LONG_NAME) {
      longEntry(e);
      return;
    }
    String pending = takeLongName(e);
    if ((attr & ATTR_VOLUME_ID) != 0) {
      if (volumeLabel == null && (attr & ATTR_DIRECTORY) == 0) {
        volumeLabel = rtrim(e.string(DIR_NAME, 11, StandardCharsets.ISO_8859_1));
      }
      return;
    }
    String shortName = shortName(e);
    if (shortName.equals(".") || shortName.equals("..")) {
      return;
    }
    long cluster = e.u16le(DIR_FST_CLUS_LO);
    if (fat32) {
      cluster |= (long) e.u16le(DIR_FST_CLUS_HI) << 16;
    }
    boolean dir = (attr & ATTR_DIRECTORY) != 0;
    String name = pending != null ? pending : displayShort(e, shortName);
    entries.add(new FatEntry(name, shortName, dir, cluster, dir ? 0 : e.u32le(DIR_FILE_SIZE),
        FatTimes.of(e)));
  }

  private void longEntry(ByteView e) throws CorruptDataException {
    int ord = e.u8(LDIR_ORD);
    int n = ord & LONG_ORD_MASK;
    int sum = e.u8(LDIR_CHKSUM);
    if ((ord & LAST_LONG_ENTRY) != 0) {
      if (n < 1 || n > MAX_LONG_ENTRIES) {
        longName = null;
        return;
      }
      longName = new char[n * CHARS_PER_ENTRY];
      longSum = sum;
    } else if (longName == null || ord != nextOrd - 1 || sum != longSum) {
      // Out of sequence: an orphan left by an OS that does not know long names (section 7).
      longName = null;
      return;
    }
    nextOrd = n;
    int base = (n - 1) * CHARS_PER_ENTRY;
    for (int i = 0; i < CHARS_PER_ENTRY; i++) {
      longName[base + i] = (char) e.u16le(LDIR_CHAR_OFFSETS[i]);
    }
  }

  /** The long name that belongs to short entry {@code e}, or null when it is absent or stale. */
  private String takeLongName(ByteView e) throws CorruptDataException {
    char[] ln = longName;
    longName = null;
    if (ln == null || nextOrd != 1 || checksum(e) != longSum) {
      return null;
    }
    int len = 0;
    while (len < ln.length && ln[len] != 0) {
      len++;
    }
    return len == 0 ? null : new String(ln, 0, len);
  }

  /** The short-name checksum of section 7.2: rotate right, add the next byte, 8 bits. */
  static int checksum(ByteView e) throws CorruptDataException {
    int sum = 0;
    for (int i = 0; i < 11; i++) {
      sum = (((sum & 1) << 7) + (sum >> 1) + e.u8(DIR_NAME + i)) & 0xff;
    }
    return sum;
  }

  /** The 8.3 name as stored ("README.TXT"), decoded in code page 437 as Linux does by default. */
  private static String shortName(ByteView e) throws CorruptDataException {
    byte[] raw = e.bytes(DIR_NAME, 11);
    if ((raw[0] & 0xff) == KANJI_E5) {
      raw[0] = (byte) DELETED;
    }
    String base = rtrim(decode(raw, 0, 8));
    String ext = rtrim(decode(raw, 8, 3));
    return ext.isEmpty() ? base : base + "." + ext;
  }

  /** The short name as Windows NT and Linux show it: parts lower-cased by the NT flags. */
  private static String displayShort(ByteView e, String shortName) throws CorruptDataException {
    int flags = e.u8(DIR_NT_RES);
    if ((flags & (NT_LOWER_BASE | NT_LOWER_EXT)) == 0) {
      return shortName;
    }
    int dot = shortName.indexOf('.');
    int baseEnd = dot < 0 ? shortName.length() : dot;
    char[] c = shortName.toCharArray();
    for (int i = 0; i < c.length; i++) {
      boolean inBase = i < baseEnd;
      if (((inBase && (flags & NT_LOWER_BASE) != 0) || (!inBase && (flags & NT_LOWER_EXT) != 0))
          && c[i] >= 'A'
          && c[i] <= 'Z') {
        c[i] = (char) (c[i] + ('a' - 'A'));
      }
    }
    return new String(c);
  }

  private static String decode(byte[] raw, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (raw[i] < 0) {
        return new String(raw, off, len, Cp437.CHARSET);
      }
    }
    return new String(raw, off, len, StandardCharsets.US_ASCII);
  }

  private static String rtrim(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Code page 437, loaded only when a short name has a byte above 0x7F. */
  private static final class Cp437 {
    static final Charset CHARSET = load();

    private static Charset load() {
      return Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;
    }
  }
}
