package org.jgrub.compress;

import org.jgrub.io.CorruptDataException;

/**
 * ZFS's zero-length encoding: a length byte L, then L+1 literal bytes when L+1 is at most 64, or
 * L+1-64 zero bytes otherwise.
 */
public final class Zle {
  private Zle() {}

  /** The literal/zero-run threshold ZFS always uses (zio_compress_table: zle, level 64). */
  private static final int N = 64;

  /** Decompresses {@code src[0, srcLen)} into all of {@code dst}. */
  public static void decompress(byte[] src, int srcLen, byte[] dst) throws CorruptDataException {
    int s = 0;
    int d = 0;
    while (s < srcLen && d < dst.length) {
      int len = 1 + (src[s++] & 0xff);
      if (len <= N) {
        if (len > srcLen - s || len > dst.length - d) {
          throw new CorruptDataException("zle: literal run of " + len + " overruns the block");
        }
        System.arraycopy(src, s, dst, d, len);
        s += len;
        d += len;
      } else {
        len -= N;
        if (len > dst.length - d) {
          throw new CorruptDataException("zle: zero run of " + len + " overruns the block");
        }
        d += len; // dst is freshly allocated: already zero
      }
    }
    if (d != dst.length) {
      throw new CorruptDataException("zle: output " + d + " bytes, expected " + dst.length);
    }
  }
}
