package org.jgrub.fs.iso9660;

import java.nio.charset.StandardCharsets;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A primary or supplementary volume descriptor (ECMA-119 sections 8.4 and 8.5): the fields jgrub
 * needs, the root directory record, and whether it is a Joliet descriptor.
 */
record VolumeDescriptor(
    int type,
    String volumeId,
    byte[] volumeIdRaw,
    long volumeBlocks,
    int blockSize,
    boolean joliet,
    DirRecord root,
    String created,
    String modified) {

  static final int TYPE_PRIMARY = 1;
  static final int TYPE_SUPPLEMENTARY = 2;
  static final int TYPE_TERMINATOR = 255;
  static final int SIZE = 2048;

  private static final int VD_TYPE = 0;
  private static final int VD_ID = 1;
  private static final int VD_VOLUME_ID = 40;
  private static final int VOLUME_ID_LEN = 32;
  private static final int VD_SPACE_SIZE = 80;
  /** SVD only: the Joliet escape sequences "%/@", "%/C", "%/E" (Joliet specification). */
  private static final int VD_ESCAPES = 88;
  private static final int VD_BLOCK_SIZE = 128;
  private static final int VD_ROOT_RECORD = 156;
  private static final int ROOT_RECORD_LEN = 34;
  private static final int VD_CREATED = 813;
  private static final int VD_MODIFIED = 830;
  private static final int DATE_DIGITS = 16;

  static final byte[] MAGIC = {'C', 'D', '0', '0', '1'};

  static boolean hasMagic(ByteView v) throws CorruptDataException {
    for (int i = 0; i < MAGIC.length; i++) {
      if (v.u8(VD_ID + i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  static int type(ByteView v) throws CorruptDataException {
    return v.u8(VD_TYPE);
  }

  static VolumeDescriptor parse(ByteView v) throws CorruptDataException {
    int type = v.u8(VD_TYPE);
    boolean joliet = false;
    if (type == TYPE_SUPPLEMENTARY && v.u8(VD_ESCAPES) == '%' && v.u8(VD_ESCAPES + 1) == '/') {
      int level = v.u8(VD_ESCAPES + 2);
      joliet = level == '@' || level == 'C' || level == 'E';
    }
    byte[] idRaw = v.bytes(VD_VOLUME_ID, VOLUME_ID_LEN);
    String id =
        joliet
            ? v.string(VD_VOLUME_ID, VOLUME_ID_LEN, StandardCharsets.UTF_16BE)
            : v.string(VD_VOLUME_ID, VOLUME_ID_LEN, StandardCharsets.ISO_8859_1);
    ByteView rootView = v.slice(VD_ROOT_RECORD, ROOT_RECORD_LEN, "iso9660 root directory record");
    DirRecord root = DirRecord.parse(rootView, 0, ROOT_RECORD_LEN);
    return new VolumeDescriptor(
        type,
        rtrim(id),
        idRaw,
        v.u32le(VD_SPACE_SIZE),
        v.u16le(VD_BLOCK_SIZE),
        joliet,
        root,
        date(v, VD_CREATED),
        date(v, VD_MODIFIED));
  }

  /**
   * A date field (section 8.4.26.1: 16 digits YYYYMMDDHHMMSSCC and a time zone byte) in the form
   * blkid uses for the UUID, YYYY-MM-DD-HH-MM-SS-CC; null when unset (all '0' or not digits).
   */
  private static String date(ByteView v, int off) throws CorruptDataException {
    byte[] d = v.bytes(off, DATE_DIGITS);
    boolean allZero = true;
    for (byte b : d) {
      if (b < '0' || b > '9') {
        return null;
      }
      allZero &= b == '0';
    }
    if (allZero) {
      return null;
    }
    StringBuilder sb = new StringBuilder(22);
    for (int i = 0; i < DATE_DIGITS; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10 || i == 12 || i == 14) {
        sb.append('-');
      }
      sb.append((char) d[i]);
    }
    return sb.toString();
  }

  private static String rtrim(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
      end--;
    }
    return s.substring(0, end);
  }
}
