package org.jgrub.fs;

import java.io.IOException;

/** A driver's mapping from file offsets to device runs (extents, block pointers, clusters). */
public interface RunMap {
  /**
   * The run that contains file offset {@code pos} (a hole when nothing is allocated there). Must
   * satisfy {@code run.fileOffset() <= pos < run.fileOffset() + run.length()}.
   */
  Run runAt(long pos) throws IOException;

  /** The run of {@code runs} (sorted by file offset, not overlapping) holding {@code pos}, or null. */
  static Run find(java.util.List<Run> runs, long pos) {
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
}
