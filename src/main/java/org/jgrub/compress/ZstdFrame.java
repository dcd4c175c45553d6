package org.jgrub.compress;

import org.jgrub.io.CorruptDataException;

/**
 * The length of one zstd frame (RFC 8878 section 3.1.1), so that a frame followed by padding or by
 * the next structure can be decoded alone: aircompressor reads on after a frame and fails on the
 * bytes that follow.
 */
public final class ZstdFrame {
  private ZstdFrame() {}

  static final int MAGIC = 0xFD2FB528;
  static final int BLOCK_HEADER = 3;
  static final int BLOCK_RLE = 1;
  static final int BLOCK_RESERVED = 3;
  static final int OFF_FHD = 4;
  static final int FHD_SINGLE_SEGMENT = 0x20;
  static final int FHD_CHECKSUM = 0x04;
  static final int FHD_DICT_MASK = 0x03;
  static final int CHECKSUM = 4;

  /**
   * The length of the frame at {@code in[off]}: header, blocks up to the one marked last, then the
   * optional 4-byte checksum. {@code what} names the data in messages.
   */
  public static int length(byte[] in, int off, int len, String what) throws CorruptDataException {
    if (len < 6 || le32(in, off) != MAGIC) {
      throw new CorruptDataException(what + ": no zstd frame magic");
    }
    int fhd = in[off + OFF_FHD] & 0xff;
    int fcsFlag = fhd >>> 6;
    boolean single = (fhd & FHD_SINGLE_SEGMENT) != 0;
    boolean checksum = (fhd & FHD_CHECKSUM) != 0;
    int dictFlag = fhd & FHD_DICT_MASK;
    // Descriptor, then the window byte unless single-segment, then 0/1/2/4 dictionary id bytes.
    long pos = OFF_FHD + 1 + (single ? 0 : 1) + (dictFlag == 3 ? 4 : dictFlag);
    pos += fcsFlag == 0 ? (single ? 1 : 0) : 1 << fcsFlag;
    // Each block advances by at least 3 bytes, so this loop ends within len/3 steps.
    while (true) {
      if (pos + BLOCK_HEADER > len) {
        throw new CorruptDataException(what + ": zstd frame runs past its " + len + " bytes");
      }
      int p = off + (int) pos;
      int h = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff) << 16;
      boolean last = (h & 1) != 0;
      int type = (h >>> 1) & 3;
      int size = h >>> 3;
      if (type == BLOCK_RESERVED) {
        throw new CorruptDataException(what + ": reserved zstd block type");
      }
      pos += BLOCK_HEADER + (type == BLOCK_RLE ? 1 : size);
      if (last) {
        break;
      }
    }
    pos += checksum ? CHECKSUM : 0;
    if (pos > len) {
      throw new CorruptDataException(what + ": zstd frame runs past its " + len + " bytes");
    }
    return (int) pos;
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
  }
}
