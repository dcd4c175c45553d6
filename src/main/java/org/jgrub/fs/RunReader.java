package org.jgrub.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;

/**
 * File reading written once (GRUB's grub_fshelp_read_file): the driver maps offsets to runs; this
 * clamps to the file size, zero-fills holes and checks that each run is sane and inside the
 * device. The copy of a whole file ({@link #copy}) is the same walk over the same checks, only
 * writing each run with {@link BlockDevice#transferTo} instead of reading it: no byte reaches a
 * dom0 file that a read could not reach.
 */
public final class RunReader {
  private static final byte[] ZEROS = new byte[64 * 1024];

  private RunReader() {}

  /** Reads up to {@code dst.remaining()} bytes at {@code pos}; -1 at end of file. */
  public static int read(
      BlockDevice dev, String what, long fileSize, RunMap map, long pos, ByteBuffer dst)
      throws IOException {
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    if (pos >= fileSize) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int want = (int) Math.min(dst.remaining(), fileSize - pos);
    int done = 0;
    while (done < want) {
      long at = pos + done;
      Run r = map.runAt(at);
      if (r == null
          || r.length() <= 0
          || r.fileOffset() > at
          || at - r.fileOffset() >= r.length()) {
        throw new CorruptDataException(what + ": no valid mapping for file offset " + at);
      }
      long inRun = at - r.fileOffset();
      int n = (int) Math.min(want - done, r.length() - inRun);
      ByteBuffer slice = dst.slice();
      slice.limit(n);
      if (r.isHole()) {
        for (int left = n; left > 0; ) {
          int k = Math.min(left, ZEROS.length);
          slice.put(ZEROS, 0, k);
          left -= k;
        }
      } else {
        dev.read(deviceAt(dev, what, r, inRun, n), slice);
      }
      dst.position(dst.position() + n);
      done += n;
    }
    return done;
  }

  /**
   * Writes the whole file, {@code fileSize} bytes laid out in {@code runs} (a driver's {@code
   * layout}: sorted, adjacent, whole blocks, the last one clamped to the size), to {@code dst}.
   */
  public static void copy(
      BlockDevice dev, String what, long fileSize, List<Run> runs, WritableByteChannel dst)
      throws IOException {
    long done = 0;
    for (Run r : runs) {
      if (done == fileSize) {
        break;
      }
      if (r.fileOffset() != done || r.length() <= 0) {
        throw new CorruptDataException(what + ": file layout has a gap or overlap at offset " + done);
      }
      long n = Math.min(r.length(), fileSize - done);
      if (r.isHole()) {
        writeZeros(dst, n);
      } else {
        dev.transferTo(deviceAt(dev, what, r, 0, n), n, dst);
      }
      done += n;
    }
    if (done != fileSize) {
      throw new CorruptDataException(
          what + ": file layout covers " + done + " of " + fileSize + " bytes");
    }
  }

  /**
   * Where {@code n} bytes at {@code inRun} into run {@code r} lie on the device, after checking
   * that they lie inside it: the one bound every read and every copy of file data passes.
   */
  private static long deviceAt(BlockDevice dev, String what, Run r, long inRun, long n)
      throws CorruptDataException {
    if (r.deviceOffset() > Long.MAX_VALUE - inRun) {
      throw new CorruptDataException(what + ": run at device byte " + r.deviceOffset() + " overflows");
    }
    long devAt = r.deviceOffset() + inRun;
    dev.checkRange(devAt, n, what + " data");
    return devAt;
  }

  private static void writeZeros(WritableByteChannel dst, long len) throws IOException {
    ByteBuffer z = ByteBuffer.wrap(ZEROS);
    long left = len;
    while (left > 0) {
      z.clear();
      z.limit((int) Math.min(left, ZEROS.length));
      while (z.hasRemaining()) {
        left -= dst.write(z);
      }
    }
  }
}
