package org.jgrub.fs.iso9660;

import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;

/** A file's extents in file order, searched by file offset. */
final class ExtentMap implements RunMap {
  private final List<Run> runs;

  ExtentMap(List<Run> runs) {
    this.runs = runs;
  }

  @Override
  public Run runAt(long pos) {
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
