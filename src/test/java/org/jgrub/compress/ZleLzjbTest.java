package org.jgrub.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jgrub.io.CorruptDataException;
import org.junit.jupiter.api.Test;

/**
 * Stream-level checks of the two hand-written decoders against the formats' definitions
 * (zle.c, lzjb.c). Whole-block decoding on real data is covered by the ZFS pool tests: every
 * metadata block of the version 1-8 OpenZFS test pools is lzjb-compressed.
 */
class ZleLzjbTest {
  @Test
  void zleLiteralsAndZeroRuns() throws CorruptDataException {
    // 2 literals ("ab"), then a run of 3 zeros (length byte 64+3-1 = 66), then 1 literal "c".
    byte[] src = {1, 'a', 'b', 66, 0, 'c'};
    byte[] out = new byte[6];
    Zle.decompress(src, src.length, out);
    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 'c'}, out);
  }

  @Test
  void zleOverrunIsCorrupt() {
    byte[] src = {9, 'a', 'b'};
    assertThrows(CorruptDataException.class, () -> Zle.decompress(src, src.length, new byte[4]));
  }

  @Test
  void lzjbLiteralsAndMatch() throws CorruptDataException {
    // Copy map 0b0000_1000: three literals "abc", then a match of length 3+3=6 at offset 3.
    byte[] src = {0x08, 'a', 'b', 'c', (byte) (3 << 2), 3};
    byte[] out = new byte[9];
    Lzjb.decompress(src, src.length, out);
    assertArrayEquals("abcabcabc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), out);
  }

  @Test
  void lzjbMatchBeforeStartIsCorrupt() {
    byte[] src = {0x01, 0, 5};
    assertThrows(CorruptDataException.class, () -> Lzjb.decompress(src, src.length, new byte[4]));
  }

  @Test
  void lzjbTruncatedIsCorrupt() {
    byte[] src = {0x00, 'a'};
    assertThrows(CorruptDataException.class, () -> Lzjb.decompress(src, src.length, new byte[4]));
  }
}
