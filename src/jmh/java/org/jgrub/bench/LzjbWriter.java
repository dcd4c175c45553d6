package org.jgrub.bench;

import java.util.Arrays;

/**
 * A greedy LZJB compressor that makes input for the LZJB decompression benchmark (nothing in jgrub
 * distance.
 */
final class LzjbWriter {
  private LzjbWriter() {}

  private static final int MIN = 3;
  private static final int MAX = MIN + 63;
  private static final int WINDOW = 1023;

  static byte[] compress(byte[] src) {
    int[] last = new int[1 << 12];
    Arrays.fill(last, -1);
    int mapAt = -1;
    int bit = 8;
    byte[] buf = new byte[src.length + src.length / 8 + 16];
    int o = 0;
    int s = 0;
    while (s < src.length) {
      if (bit == 8) {
        mapAt = o;
        buf[o++] = 0;
        bit = 0;
      }
      int len = 0;
      int dist = 0;
      if (s + MIN <= src.length) {
        int h = (((src[s] & 0xff) << 8) ^ ((src[s + 1] & 0xff) << 4) ^ (src[s + 2] & 0xff)) & 0xfff;
        int cand = last[h];
        last[h] = s;
        if (cand >= 0 && s - cand <= WINDOW) {
          int max = Math.min(MAX, src.length - s);
          while (len < max && src[cand + len] == src[s + len]) {
            len++;
          }
          dist = s - cand;
        }
      }
      if (len >= MIN) {
        buf[mapAt] |= (byte) (1 << bit);
        buf[o++] = (byte) (((len - MIN) << 2) | (dist >> 8));
        buf[o++] = (byte) dist;
        s += len;
      } else {
        buf[o++] = src[s++];
      }
      bit++;
    }
    return Arrays.copyOf(buf, o);
  }
}
