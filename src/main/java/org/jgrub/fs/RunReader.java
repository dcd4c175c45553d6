package org.jgrub.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;

/**
 * File reading written once (GRUB's grub_fshelp_read_file): the driver maps offsets to runs; this
 * clamps to the file size, zero-fills holes and checks that each run is sane and inside the
 * device.
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
        long devAt = r.deviceOffset() + inRun;
        dev.checkRange(devAt, n, what + " data");
        dev.read(devAt, slice);
      }
      dst.position(dst.position() + n);
      done += n;
    }
    return done;
  }
}
