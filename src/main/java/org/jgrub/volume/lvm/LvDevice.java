package org.jgrub.volume.lvm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;

/**
 * A logical volume whose segments lie in different places: each segment a run of the LV mapped
 * onto one PV (linear) or spread over several in chunks of {@code stripeSize} bytes (striped, as
 * device-mapper's dm-stripe reads it: chunk i is on stripe i mod n, row i div n).
 */
final class LvDevice implements BlockDevice {
  /** One segment: [lvStart, lvStart+length) of the LV, on {@code pvs} from byte {@code pvStart}. */
  record Segment(long lvStart, long length, long stripeSize, List<BlockDevice> pvs, long[] pvStart) {}

  private final List<Segment> segments;
  private final long size;
  private final String name;

  LvDevice(List<Segment> segments, String name) {
    this.segments = List.copyOf(segments);
    Segment last = segments.get(segments.size() - 1);
    this.size = last.lvStart() + last.length();
    this.name = name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    long at = offset;
    while (dst.hasRemaining()) {
      Piece p = piece(at, dst.remaining());
      int limit = dst.limit();
      dst.limit(dst.position() + (int) p.length);
      try {
        p.dev.read(p.offset, dst);
      } finally {
        dst.limit(limit);
      }
      at += p.length;
    }
  }

  @Override
  public void transferTo(long offset, long length, WritableByteChannel dst) throws IOException {
    checkRange(offset, length, "copy");
    long at = offset;
    long left = length;
    while (left > 0) {
      Piece p = piece(at, left);
      p.dev.transferTo(p.offset, p.length, dst);
      at += p.length;
      left -= p.length;
    }
  }

  private record Piece(BlockDevice dev, long offset, long length) {}

  /** Where LV byte {@code at} lies, and how many bytes from there up to {@code max} are contiguous. */
  private Piece piece(long at, long max) throws CorruptDataException {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (segments.get(mid).lvStart() <= at) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    Segment s = segments.get(lo);
    long rel = at - s.lvStart();
    if (rel < 0 || rel >= s.length()) {
      throw new CorruptDataException(name + ": byte " + at + " lies in no segment");
    }
    long run = Math.min(max, s.length() - rel);
    int n = s.pvs().size();
    if (n == 1) {
      return new Piece(s.pvs().get(0), s.pvStart()[0] + rel, run);
    }
    long chunk = rel / s.stripeSize();
    long within = rel % s.stripeSize();
    int stripe = (int) (chunk % n);
    long row = chunk / n;
    return new Piece(
        s.pvs().get(stripe), s.pvStart()[stripe] + row * s.stripeSize() + within,
        Math.min(run, s.stripeSize() - within));
  }
}
