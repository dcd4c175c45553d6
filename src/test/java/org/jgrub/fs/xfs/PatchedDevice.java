package org.jgrub.fs.xfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.BlockDevice;

/** A real image with a few bytes damaged in memory: the corrupted variants of a fixture. */
public final class PatchedDevice implements BlockDevice {
  private final BlockDevice base;
  private final List<long[]> at = new ArrayList<>();
  private final List<byte[]> bytes = new ArrayList<>();

  public PatchedDevice(BlockDevice base) {
    this.base = base;
  }

  /** Replaces the bytes at {@code offset} with {@code b}. */
  public PatchedDevice patch(long offset, byte[] b) {
    at.add(new long[] {offset});
    bytes.add(b.clone());
    return this;
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
      long p = at.get(i)[0];
      byte[] b = bytes.get(i);
      for (int k = 0; k < b.length; k++) {
        long o = p + k - offset;
        if (o >= 0 && o < len) {
          dst.put(start + (int) o, b[k]);
        }
      }
    }
  }

  @Override
  public String describe() {
    return "patched " + base.describe();
  }
}
