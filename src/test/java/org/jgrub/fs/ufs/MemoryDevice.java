package org.jgrub.fs.ufs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.io.BlockDevice;

/** A whole test image held in memory, so that a test can damage bytes of a copy. */
public final class MemoryDevice implements BlockDevice {
  private final byte[] data;
  private final String name;

  public MemoryDevice(byte[] data, String name) {
    this.data = data;
    this.name = name;
  }

  public static MemoryDevice load(Path p) throws IOException {
    return new MemoryDevice(Files.readAllBytes(p), p.getFileName().toString());
  }

  public byte[] bytes() {
    return data;
  }

  @Override
  public long size() {
    return data.length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    dst.put(data, (int) offset, dst.remaining());
  }

  @Override
  public String describe() {
    return name;
  }

  /** Writes a 32-bit value in the given byte order at {@code off}. */
  public void put32(long off, long value, boolean bigEndian) {
    for (int i = 0; i < 4; i++) {
      int shift = bigEndian ? 24 - 8 * i : 8 * i;
      data[(int) off + i] = (byte) (value >>> shift);
    }
  }

  public long get32(long off, boolean bigEndian) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int shift = bigEndian ? 24 - 8 * i : 8 * i;
      v |= (data[(int) off + i] & 0xffL) << shift;
    }
    return v;
  }
}
