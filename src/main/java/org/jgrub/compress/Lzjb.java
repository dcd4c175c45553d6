package org.jgrub.compress;

import org.jgrub.io.CorruptDataException;

/**
 * LZJB, the original ZFS compressor (Jeff Bonwick's Lempel-Ziv variant): a copy-map byte before
 * every eight items, each item a literal byte or a two-byte (6-bit length, 10-bit offset) match.
 */
public final class Lzjb {
  private Lzjb() {}

  private static final int MATCH_BITS = 6;
  private static final int MATCH_MIN = 3;
  private static final int OFFSET_MASK = (1 << (16 - MATCH_BITS)) - 1;

  /**
   * Decompresses {@code src[0, srcLen)} into all of {@code dst}. Fails when the input ends early or
   * a match points before the start of the output.
   */
  public static void decompress(byte[] src, int srcLen, byte[] dst) throws CorruptDataException {
    int s = 0;
    int d = 0;
    int copymap = 0;
    int copymask = 1 << 7;
    while (d < dst.length) {
      copymask <<= 1;
      if (copymask == 1 << 8) {
        copymask = 1;
        if (s >= srcLen) {
          throw new CorruptDataException("lzjb: input ends before the output is complete");
        }
        copymap = src[s++] & 0xff;
      }
      if ((copymap & copymask) != 0) {
        if (s + 1 >= srcLen) {
          throw new CorruptDataException("lzjb: match cut off at input byte " + s);
        }
        int b0 = src[s] & 0xff;
        int b1 = src[s + 1] & 0xff;
        s += 2;
        int mlen = (b0 >> (8 - MATCH_BITS)) + MATCH_MIN;
        int offset = ((b0 << 8) | b1) & OFFSET_MASK;
        int cpy = d - offset;
        if (cpy < 0 || offset == 0) {
          throw new CorruptDataException("lzjb: match offset " + offset + " before output start");
        }
        int n = Math.min(mlen, dst.length - d);
        for (int i = 0; i < n; i++) {
          dst[d++] = dst[cpy++];
        }
      } else {
        if (s >= srcLen) {
          throw new CorruptDataException("lzjb: input ends before the output is complete");
        }
        dst[d++] = src[s++];
      }
    }
  }
}
