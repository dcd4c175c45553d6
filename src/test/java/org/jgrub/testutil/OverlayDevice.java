package org.jgrub.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.BlockDevice;

/**
 * A real image read through an overlay of damaged bytes: the corrupted variants of a fixture,
 * without copying the image. Later patches win where they overlap.
 */
public final class OverlayDevice implements BlockDevice {
  private final BlockDevice base;
  private final List<Long> at = new ArrayList<>();
  private final List<byte[]> bytes = new ArrayList<>();

  public OverlayDevice(BlockDevice base) {
    this.base = base;
  }

  /** Replaces the bytes at {@code offset} with {@code b}. */
  public OverlayDevice patch(long offset, byte[] b) {
    at.add(offset);
    bytes.add(b.clone());
    return this;
  }

  /** Replaces {@code len} bytes from {@code from} with pseudo-random ones (the same every run). */
  public OverlayDevice garbage(long from, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) ((from + i) * 0x9E3779B97F4A7C15L >>> 56);
    }
    return patch(from, b);
  }

  @Override
  public long size() {
    return base.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    int start = dst.position();
    int len = dst.remaining();
    base.read(offset, dst);
    for (int i = 0; i < at.size(); i++) {
      byte[] b = bytes.get(i);
      long from = Math.max(0, offset - at.get(i));
      long to = Math.min(b.length, offset + len - at.get(i));
      for (long k = from; k < to; k++) {
        dst.put(start + (int) (at.get(i) + k - offset), b[(int) k]);
      }
    }
  }

  @Override
  public String describe() {
    return "patched " + base.describe();
  }
}
