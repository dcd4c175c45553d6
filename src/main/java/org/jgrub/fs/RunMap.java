package org.jgrub.fs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/** A driver's mapping from file offsets to device runs (extents, block pointers, clusters). */
public interface RunMap {
  /**
   * The run that contains file offset {@code pos} (a hole when nothing is allocated there). Must
   * satisfy {@code run.fileOffset() <= pos < run.fileOffset() + run.length()}.
   */
  Run runAt(long pos) throws IOException;

  /** The run of {@code runs} (sorted by file offset, not overlapping) holding {@code pos}, or null. */
  static Run find(List<Run> runs, long pos) {
    int lo = 0;
    int hi = runs.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Run r = runs.get(mid);
      if (pos < r.fileOffset()) {
        hi = mid - 1;
      } else if (pos >= r.fileOffset() + r.length()) {
        lo = mid + 1;
      } else {
        return r;
      }
    }
    return null;
  }

  /**
   * The runs covering exactly [0, {@code size}) in file order, as {@link GuestFs#layout} returns
   * them: holes filled in, runs that continue each other on the device merged, the last one cut at
   * {@code size}. Written once, like {@link RunReader}, so that every driver checks each run the
   * same way and stops at {@link Limits#extentsPerFile} runs; {@code what} names the file in
   * messages.
   */
  static List<Run> cover(RunMap map, long size, String what, Limits limits) throws IOException {
    int maxRuns = limits.extentsPerFile;
    List<Run> out = new ArrayList<>();
    long pos = 0;
    while (pos < size) {
      Run r = map.runAt(pos);
      // The same test as RunReader's: a run that does not hold pos would loop here forever.
      if (r == null
          || r.length() <= 0
          || r.fileOffset() > pos
          || pos - r.fileOffset() >= r.length()) {
        throw new CorruptDataException(what + ": no valid mapping for file offset " + pos);
      }
      long skip = pos - r.fileOffset();
      long len = Math.min(r.length() - skip, size - pos);
      long dev = r.isHole() ? -1 : r.deviceOffset() + skip;
      Run last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null
          && last.isHole() == (dev < 0)
          && (dev < 0 || last.deviceOffset() + last.length() == dev)) {
        out.set(out.size() - 1,
            new Run(last.fileOffset(), last.deviceOffset(), last.length() + len));
      } else {
        Limits.check(out.size() + 1L, maxRuns, what + ": runs");
        out.add(new Run(pos, dev, len));
      }
      pos += len;
    }
    return out;
  }
}
