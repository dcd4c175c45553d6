package org.jgrub.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every getter reads both byte orders right and refuses every field that leaves the structure. */
class ByteViewTest {
  private static final byte[] B = {
    (byte) 0x01, (byte) 0x02, (byte) 0x03, (byte) 0x04,
    (byte) 0x85, (byte) 0x86, (byte) 0x87, (byte) 0x88,
    'a', 'b', 0, 'c', 0, 0, 0, 0
  };

  @Test
  void littleAndBigEndianValues() throws CorruptDataException {
    ByteView v = ByteView.of(B, "test");
    assertEquals(0x01, v.u8(0));
    assertEquals(0x0201, v.u16le(0));
    assertEquals(0x0102, v.u16be(0));
    assertEquals(0x04030201L, v.u32le(0));
    assertEquals(0x01020304L, v.u32be(0));
    // Unsigned 32-bit reads never go negative; the signed ones do.
    assertEquals(0x88878685L, v.u32le(4));
    assertEquals(0x88878685, v.s32le(4));
    assertTrue(v.s32le(4) < 0);
    assertEquals(0x85868788L, v.u32be(4));
    assertEquals(0x8887868504030201L, v.u64le(0));
    assertEquals(0x0102030485868788L, v.u64be(0));
    assertEquals(v.u32be(0), v.u32(0, true));
    assertEquals(v.u32le(0), v.u32(0, false));
    assertEquals(v.u16be(2), v.u16(2, true));
    assertEquals(v.u64le(0), v.u64(0, false));
  }

  @Test
  void stringsBytesAndZeros() throws CorruptDataException {
    ByteView v = ByteView.of(B, "test");
    assertEquals("ab", v.cstring(8, 4, StandardCharsets.US_ASCII));
    assertEquals("ab\0c", v.string(8, 4, StandardCharsets.US_ASCII));
    assertArrayEquals(new byte[] {3, 4}, v.bytes(2, 2));
    assertTrue(v.isZero(12, 4));
    assertFalse(v.isZero(11, 4));
  }

  @Test
  void everyFieldPastTheEndIsRefusedWithStructureOffsetAndDiskByte() {
    ByteView v = ByteView.of(B, "test header", 0x1000);
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> v.u32le(14));
    assertEquals(
        "test header: field at offset 14 (+4) outside its 16-byte structure at byte 0x1000",
        e.getMessage());
    assertThrows(CorruptDataException.class, () -> v.u8(16));
    assertThrows(CorruptDataException.class, () -> v.u8(-1));
    assertThrows(CorruptDataException.class, () -> v.u16be(15));
    assertThrows(CorruptDataException.class, () -> v.u64le(9));
    assertThrows(CorruptDataException.class, () -> v.bytes(0, 17));
    assertThrows(CorruptDataException.class, () -> v.bytes(4, -1));
    assertThrows(CorruptDataException.class, () -> v.slice(8, 9, "tail"));
    assertThrows(CorruptDataException.class, () -> v.check(Long.MAX_VALUE, 1));
    assertThrows(CorruptDataException.class, () -> v.check(1, Long.MAX_VALUE));
  }

  @Test
  void aSliceIsBoundedByItselfAndKnowsItsDiskByte() throws CorruptDataException {
    ByteView v = ByteView.of(B, "block", 0x2000);
    ByteView s = v.slice(4, 4, "entry");
    assertEquals(4, s.length());
    assertEquals(0x85, s.u8(0));
    assertEquals(0x2004, s.diskOffset(0));
    assertEquals(0x2006, s.diskOffset(2));
    // Byte 4 of the slice is byte 8 of the block: still outside the slice.
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> s.u8(4));
    assertEquals("entry: field at offset 4 (+1) outside its 4-byte structure at byte 0x2004",
        e.getMessage());
    assertEquals("entry: bad magic at byte 0x2004", s.corrupt("bad magic").getMessage());
  }

  @Test
  void withoutADiskOffsetMessagesSayNoByte() {
    ByteView v = ByteView.of(B, "memory");
    assertEquals(-1, v.diskOffset(3));
    assertEquals("memory: no", v.corrupt("no").getMessage());
  }
}
