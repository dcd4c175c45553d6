package org.jgrub.fs.zfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A block pointer (blkptr_t, 128 bytes): up to three copies (DVAs), sizes, compression, checksum
 * type and value, the byte order the block was written in, its level in the indirect tree and its
 * birth txg; or, when the embedded bit is set, up to 112 bytes of data stored in the pointer
 * itself (the embedded_data feature).
 */
record BlockPtr(
    Dva[] dvas,
    long prop,
    long birth,
    long fill,
    long[] checksum,
    byte[] embedded) {
  static final int SIZE = 128;
  private static final int PROP = 48;
  private static final int BIRTH = 80;
  private static final int FILL = 88;
  private static final int CKSUM = 96;
  /** Words of the pointer that hold embedded payload: all but blk_prop (6) and blk_birth (10). */
  private static final int PROP_WORD = 6;
  private static final int BIRTH_WORD = 10;
  static final int EMBEDDED_PAYLOAD = 112;
  // Bit fields of blk_prop (spa.h: BP_GET_LSIZE, BP_GET_PSIZE, BP_GET_COMPRESS, ...).
  private static final int LSIZE_BITS = 16;
  private static final int PSIZE_SHIFT = 16;
  private static final int EMBEDDED_LSIZE_BITS = 25;
  private static final int EMBEDDED_PSIZE_SHIFT = 25;
  private static final int EMBEDDED_PSIZE_BITS = 7;
  private static final int COMPRESS_SHIFT = 32;
  private static final int COMPRESS_BITS = 7;
  private static final int EMBEDDED_SHIFT = 39;
  private static final int CHECKSUM_SHIFT = 40;
  private static final int TYPE_SHIFT = 48;
  private static final int LEVEL_SHIFT = 56;
  private static final int LEVEL_BITS = 5;
  private static final int CRYPT_SHIFT = 61;
  private static final int SECTOR_SHIFT = 9;
  static final int EMBEDDED_TYPE_DATA = 0;

  static BlockPtr parse(ByteView v, int off, boolean be) throws CorruptDataException {
    v.check(off, SIZE);
    long prop = v.u64(off + PROP, be);
    long birth = v.u64(off + BIRTH, be);
    if ((prop >>> EMBEDDED_SHIFT & 1) != 0) {
      byte[] payload = new byte[EMBEDDED_PAYLOAD];
      int n = 0;
      for (int w = 0; w < 16 && n < EMBEDDED_PAYLOAD; w++) {
        if (w == PROP_WORD || w == BIRTH_WORD) {
          continue;
        }
        long word = v.u64(off + 8 * w, be);
        for (int b = 0; b < 8; b++) {
          payload[n++] = (byte) (word >>> (8 * b));
        }
      }
      return new BlockPtr(new Dva[0], prop, birth, 0, new long[4], payload);
    }
    Dva[] dvas = new Dva[3];
    for (int i = 0; i < 3; i++) {
      dvas[i] = Dva.of(v.u64(off + 16 * i, be), v.u64(off + 16 * i + 8, be));
    }
    long[] ck = new long[4];
    for (int i = 0; i < 4; i++) {
      ck[i] = v.u64(off + CKSUM + 8 * i, be);
    }
    return new BlockPtr(dvas, prop, birth, v.u64(off + FILL, be), ck, null);
  }

  boolean isEmbedded() {
    return embedded != null;
  }

  /** A hole: nothing allocated (all-zero first DVA; very old pools also leave birth 0). */
  boolean isHole() {
    return embedded == null && dvas[0].isEmpty();
  }

  /** Logical size in bytes. */
  int lsize() {
    if (embedded != null) {
      return (int) (prop & ((1 << EMBEDDED_LSIZE_BITS) - 1)) + 1;
    }
    return (int) ((prop & ((1 << LSIZE_BITS) - 1)) + 1) << SECTOR_SHIFT;
  }

  /** Physical (compressed) size in bytes. */
  int psize() {
    if (embedded != null) {
      return (int) (prop >>> EMBEDDED_PSIZE_SHIFT & ((1 << EMBEDDED_PSIZE_BITS) - 1)) + 1;
    }
    return (int) ((prop >>> PSIZE_SHIFT & ((1 << LSIZE_BITS) - 1)) + 1) << SECTOR_SHIFT;
  }

  int compression() {
    return (int) (prop >>> COMPRESS_SHIFT & ((1 << COMPRESS_BITS) - 1));
  }

  int checksumType() {
    return (int) (prop >>> CHECKSUM_SHIFT & 0xff);
  }

  /** For an embedded pointer, what the payload is (0 = data). */
  int embeddedType() {
    return (int) (prop >>> CHECKSUM_SHIFT & 0xff);
  }

  int type() {
    return (int) (prop >>> TYPE_SHIFT & 0xff);
  }

  int level() {
    return (int) (prop >>> LEVEL_SHIFT & ((1 << LEVEL_BITS) - 1));
  }

  /** Set for blocks of encrypted datasets (encrypted or authenticated). */
  boolean usesCrypt() {
    return (prop >>> CRYPT_SHIFT & 1) != 0;
  }

  /** Whether the block's contents were written big-endian (BP_GET_BYTEORDER, bit 63, is 0). */
  boolean bigEndian() {
    return prop >= 0;
  }

  String describe() {
    if (embedded != null) {
      return "embedded block pointer (birth " + birth + ")";
    }
    return "block " + dvas[0] + " level " + level() + " type " + type() + " birth " + birth;
  }
}
