package org.jgrub.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.io.BlockDevice;

/** A whole test image held in memory, so that a test can damage chosen bytes of a copy. */
public final class MemoryImage implements BlockDevice {
  private final byte[] bytes;
  private final String name;

  public MemoryImage(byte[] bytes, String name) {
    this.bytes = bytes;
    this.name = name;
  }

  /** A committed fixture (a path under the fixtures root, as {@link Fixtures#image}). */
  public static MemoryImage of(String fixture) throws IOException {
    return new MemoryImage(Files.readAllBytes(Fixtures.image(fixture)), fixture + " (patched)");
  }

  public static MemoryImage load(Path p) throws IOException {
    return new MemoryImage(Files.readAllBytes(p), p.getFileName().toString());
  }

  /** An independent copy, to damage differently. */
  public MemoryImage copy() {
    return new MemoryImage(bytes.clone(), name);
  }

  /** The image itself (writes show in later reads). */
  public byte[] bytes() {
    return bytes;
  }

  public MemoryImage put8(long off, int v) {
    bytes[Math.toIntExact(off)] = (byte) v;
    return this;
  }

  public MemoryImage put16le(long off, int v) {
    put8(off, v);
    return put8(off + 1, v >>> 8);
  }

  public MemoryImage put32le(long off, long v) {
    return put32(off, v, false);
  }

  public MemoryImage put32be(long off, long v) {
    return put32(off, v, true);
  }

  /** Writes a 32-bit value in the given byte order. */
  public MemoryImage put32(long off, long v, boolean bigEndian) {
    for (int i = 0; i < 4; i++) {
      put8(off + i, (int) (v >>> (bigEndian ? 24 - 8 * i : 8 * i)));
    }
    return this;
  }

  /** Writes a both-endian 32-bit field (ISO 9660 section 7.3.3). */
  public MemoryImage put32both(long off, long v) {
    put32le(off, v);
    return put32be(off + 4, v);
  }

  public MemoryImage fill(long off, int len, int v) {
    for (int i = 0; i < len; i++) {
      put8(off + i, v);
    }
    return this;
  }

  public int get8(long off) {
    return bytes[Math.toIntExact(off)] & 0xff;
  }

  public long get32(long off, boolean bigEndian) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) get8(off + i) << (bigEndian ? 24 - 8 * i : 8 * i);
    }
    return v;
  }

  /** The first offset at or after {@code from} where {@code needle} occurs, or -1. */
  public long find(byte[] needle, long from) {
    outer:
    for (int i = Math.toIntExact(from); i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    dst.put(bytes, (int) offset, dst.remaining());
  }

  @Override
  public String describe() {
    return name;
  }
}
