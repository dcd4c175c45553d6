package org.jgrub.fs.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;

/** A committed fixture image loaded into memory so that a test can damage chosen bytes. */
public final class PatchedImage implements BlockDevice {
  private final byte[] bytes;
  private final String name;

  private PatchedImage(byte[] bytes, String name) {
    this.bytes = bytes;
    this.name = name;
  }

  public static PatchedImage of(String fixture) throws IOException {
    Path p = Fixtures.image(fixture);
    return new PatchedImage(Files.readAllBytes(p), fixture + " (patched)");
  }

  /** An independent copy, to damage differently. */
  public PatchedImage copy() {
    return new PatchedImage(bytes.clone(), name);
  }

  public PatchedImage put8(long off, int v) {
    bytes[Math.toIntExact(off)] = (byte) v;
    return this;
  }

  public PatchedImage put16le(long off, int v) {
    put8(off, v);
    return put8(off + 1, v >>> 8);
  }

  public PatchedImage put32le(long off, long v) {
    put16le(off, (int) v);
    return put16le(off + 2, (int) (v >>> 16));
  }

  public PatchedImage put32be(long off, long v) {
    put8(off, (int) (v >>> 24));
    put8(off + 1, (int) (v >>> 16));
    put8(off + 2, (int) (v >>> 8));
    return put8(off + 3, (int) v);
  }

  /** Writes a both-endian 32-bit field (ISO 9660 section 7.3.3). */
  public PatchedImage put32both(long off, long v) {
    put32le(off, v);
    return put32be(off + 4, v);
  }

  public PatchedImage fill(long off, int len, int v) {
    for (int i = 0; i < len; i++) {
      put8(off + i, v);
    }
    return this;
  }

  public int get8(long off) {
    return bytes[Math.toIntExact(off)] & 0xff;
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
