package org.jgrub.fs.ext;

import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;

/**
 * A file's mapped runs in file order (extents; unwritten extents as holes), answering
 * {@link #runAt} by binary search; the gaps between them are holes.
 */
final class RunList implements RunMap {
  private final List<Run> runs;

  /** {@code runs} must be sorted by file offset and must not overlap. */
  RunList(List<Run> runs) {
    this.runs = runs;
  }

  int count() {
    return runs.size();
  }

  @Override
  public Run runAt(long pos) {
    int lo = 0;
    int hi = runs.size() - 1;
    int below = -1; // the last run that starts at or before pos
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (runs.get(mid).fileOffset() <= pos) {
        below = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    long gapStart = 0;
    if (below >= 0) {
      Run r = runs.get(below);
      long end = r.fileOffset() + r.length();
      if (pos < end) {
        return r;
      }
      gapStart = end;
    }
    long gapEnd = below + 1 < runs.size() ? runs.get(below + 1).fileOffset() : Long.MAX_VALUE;
    return new Run(gapStart, -1, gapEnd - gapStart);
  }
}
