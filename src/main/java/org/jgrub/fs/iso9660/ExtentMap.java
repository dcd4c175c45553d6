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
    return RunMap.find(runs, pos);
  }
}
