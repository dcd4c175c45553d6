package org.jgrub.io;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A bounds-checked, byte-order-aware view of bytes read from a guest disk. Every getter checks its
 * range first; the exception names what was being read, the offset and the limit, and where the
 * bytes came from on the disk.
 */
public final class ByteView {
  private final byte[] data;
  private final int base;
  private final int length;
  private final String what;
  private final long diskOffset;

  private ByteView(byte[] data, int base, int length, String what, long diskOffset) {
    this.data = data;
    this.base = base;
    this.length = length;
    this.what = what;
    this.diskOffset = diskOffset;
  }

  /** A view of all of {@code data}, which was read from byte {@code diskOffset} (or -1). */
  public static ByteView of(byte[] data, String what, long diskOffset) {
    return new ByteView(data, 0, data.length, what, diskOffset);
  }

  public static ByteView of(byte[] data, String what) {
    return of(data, what, -1);
  }

  /** Reads {@code length} bytes of {@code dev} at {@code offset} into a view. */
  public static ByteView read(BlockDevice dev, long offset, int length, String what)
      throws java.io.IOException {
    return of(dev.read(offset, length), what, offset);
  }

  public int length() {
    return length;
  }

  public String what() {
    return what;
  }

  /** Where byte {@code off} of this view lies on the disk, or -1 if unknown. */
  public long diskOffset(int off) {
    return diskOffset < 0 ? -1 : diskOffset + off;
  }

  /** Throws unless [off, off+len) lies inside the view. */
  public void check(long off, long len) throws CorruptDataException {
    if (off < 0 || len < 0 || off > length || len > length - off) {
      throw new CorruptDataException(
          what + ": field at offset " + off + " (+" + len + ") outside its " + length
              + "-byte structure" + where());
    }
  }

  private String where() {
    return diskOffset < 0 ? "" : " at byte 0x" + Long.toHexString(diskOffset);
  }

  /** A corruption error located in this structure. */
  public CorruptDataException corrupt(String message) {
    return new CorruptDataException(what + ": " + message + where());
  }

  public int u8(int off) throws CorruptDataException {
    check(off, 1);
    return data[base + off] & 0xff;
  }

  public int u16le(int off) throws CorruptDataException {
    check(off, 2);
    int p = base + off;
    return (data[p] & 0xff) | (data[p + 1] & 0xff) << 8;
  }

  public int u16be(int off) throws CorruptDataException {
    check(off, 2);
    int p = base + off;
    return (data[p] & 0xff) << 8 | (data[p + 1] & 0xff);
  }

  public long u32le(int off) throws CorruptDataException {
    return s32le(off) & 0xffffffffL;
  }

  public int s32le(int off) throws CorruptDataException {
    check(off, 4);
    int p = base + off;
    return (data[p] & 0xff)
        | (data[p + 1] & 0xff) << 8
        | (data[p + 2] & 0xff) << 16
        | (data[p + 3] & 0xff) << 24;
  }

  public long u32be(int off) throws CorruptDataException {
    return s32be(off) & 0xffffffffL;
  }

  public int s32be(int off) throws CorruptDataException {
    check(off, 4);
    int p = base + off;
    return (data[p] & 0xff) << 24
        | (data[p + 1] & 0xff) << 16
        | (data[p + 2] & 0xff) << 8
        | (data[p + 3] & 0xff);
  }

  /** A 64-bit little-endian value (callers treat negative results as out of range). */
  public long u64le(int off) throws CorruptDataException {
    return u32le(off) | u32le(off + 4) << 32;
  }

  public long u64be(int off) throws CorruptDataException {
    return u32be(off) << 32 | u32be(off + 4);
  }

  /** A 32-bit value in the given byte order. */
  public long u32(int off, boolean bigEndian) throws CorruptDataException {
    return bigEndian ? u32be(off) : u32le(off);
  }

  public int u16(int off, boolean bigEndian) throws CorruptDataException {
    return bigEndian ? u16be(off) : u16le(off);
  }

  public long u64(int off, boolean bigEndian) throws CorruptDataException {
    return bigEndian ? u64be(off) : u64le(off);
  }

  /** A copy of [off, off+len). */
  public byte[] bytes(int off, int len) throws CorruptDataException {
    check(off, len);
    return Arrays.copyOfRange(data, base + off, base + off + len);
  }

  /** A sub-view of [off, off+len), sharing the bytes. */
  public ByteView slice(int off, int len, String subWhat) throws CorruptDataException {
    check(off, len);
    return new ByteView(data, base + off, len, subWhat, diskOffset < 0 ? -1 : diskOffset + off);
  }

  public String string(int off, int len, Charset cs) throws CorruptDataException {
    check(off, len);
    return new String(data, base + off, len, cs);
  }

  /** A NUL-terminated (or field-length) string in the field [off, off+len). */
  public String cstring(int off, int len, Charset cs) throws CorruptDataException {
    check(off, len);
    int end = base + off;
    int stop = base + off + len;
    while (end < stop && data[end] != 0) {
      end++;
    }
    return new String(data, base + off, end - (base + off), cs);
  }

  /** True when [off, off+len) are all zero. */
  public boolean isZero(int off, int len) throws CorruptDataException {
    check(off, len);
    for (int i = base + off; i < base + off + len; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
