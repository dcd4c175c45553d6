package org.jgrub.fs.btrfs;

import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Maps file offsets to device bytes for uncompressed extents: gaps (no-holes), explicit holes and
 * preallocated extents read as zeros; regular extents go through the chunk map, a run ending at
 * the end of a stripe.
 */
final class BtrfsRunMap implements RunMap {
  private final BtrfsChunkMap chunks;
  private final List<BtrfsExtent> extents;
  private final String what;

  BtrfsRunMap(BtrfsChunkMap chunks, List<BtrfsExtent> extents, String what) {
    this.chunks = chunks;
    this.extents = extents;
    this.what = what;
  }

  @Override
  public Run runAt(long pos) throws CorruptDataException, UnsupportedFeatureException {
    int i = find(extents, pos);
    if (i < 0) {
      int next = nextAfter(extents, pos);
      long end = next < extents.size() ? extents.get(next).fileOffset() : Long.MAX_VALUE;
      return new Run(pos, -1, end - pos);
    }
    BtrfsExtent e = extents.get(i);
    if (e.isHole()) {
      return new Run(e.fileOffset(), -1, e.numBytes());
    }
    if (!e.isPlain()) {
      throw new CorruptDataException(what + ": compressed extent in a plain read");
    }
    long logical = e.diskBytenr() + e.offset() + (pos - e.fileOffset());
    BtrfsChunkMap.Mapping m = chunks.map(logical, what + " data");
    return new Run(pos, m.physical(), Math.min(e.end() - pos, m.contiguous()));
  }

  /** Index of the extent containing {@code pos}, or -1. */
  static int find(List<BtrfsExtent> ext, long pos) {
    int lo = 0;
    int hi = ext.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      BtrfsExtent e = ext.get(mid);
      if (pos < e.fileOffset()) {
        hi = mid - 1;
      } else if (pos >= e.end()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Index of the first extent starting after {@code pos}. */
  static int nextAfter(List<BtrfsExtent> ext, long pos) {
    int lo = 0;
    int hi = ext.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ext.get(mid).fileOffset() <= pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
