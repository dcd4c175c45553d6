package org.jgrub.fs.fat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * A file's cluster chain as runs of adjacent clusters. The chain must be exactly as long as the
 * file size needs: a longer chain (which is what a loop looks like) or a shorter one is
 * corruption, so a walk never takes more steps than the file has clusters.
 */
final class ChainMap implements RunMap {
  private final List<Run> runs;

  private ChainMap(List<Run> runs) {
    this.runs = runs;
  }

  List<Run> runs() {
    return runs;
  }

  static ChainMap of(FatTable fat, Geometry bs, long first, long size, String what)
      throws IOException {
    long cb = bs.clusterBytes();
    long needed = (size + cb - 1) / cb;
    List<Run> runs = new ArrayList<>();
    if (needed == 0) {
      return new ChainMap(runs);
    }
    if (needed > bs.clusterCount()) {
      throw new CorruptDataException(
          what + ": size " + size + " needs " + needed + " clusters, the volume has "
              + bs.clusterCount());
    }
    checkCluster(bs, first, what);
    int limit = fat.limits.extentsPerFile;
    long cur = first;
    long runStart = first;
    long runLen = 0;
    long fileOff = 0;
    for (long i = 0; i < needed; i++) {
      if (runLen > 0 && cur != runStart + runLen) {
        runs.add(run(bs, fileOff, runStart, runLen));
        Limits.check(runs.size(), limit, what + ": cluster runs");
        fileOff += runLen * cb;
        runStart = cur;
        runLen = 0;
      }
      runLen++;
      long next = fat.next(cur);
      if (i < needed - 1 && next == FatTable.END) {
        throw new CorruptDataException(
            what + ": cluster chain ends after " + (i + 1) + " clusters, size " + size + " needs "
                + needed);
      }
      if (i == needed - 1 && next != FatTable.END) {
        throw new CorruptDataException(
            what + ": cluster chain continues past the " + needed
                + " clusters its size needs (cluster " + cur + " -> " + next + "; a loop?)");
      }
      cur = next;
    }
    runs.add(run(bs, fileOff, runStart, runLen));
    return new ChainMap(runs);
  }

  /** {@code count} adjacent clusters from {@code first}, already checked to lie on the volume. */
  static ChainMap contiguous(Geometry g, long first, long count) {
    List<Run> runs = new ArrayList<>();
    runs.add(run(g, 0, first, count));
    return new ChainMap(runs);
  }

  static void checkCluster(Geometry bs, long c, String what) throws CorruptDataException {
    if (c < 2 || c > bs.maxCluster()) {
      throw new CorruptDataException(
          what + ": first cluster " + c + " outside 2.." + bs.maxCluster());
    }
  }

  private static Run run(Geometry bs, long fileOff, long cluster, long count) {
    long dev = bs.dataOffset() + (cluster - 2) * bs.clusterBytes();
    return new Run(fileOff, dev, count * bs.clusterBytes());
  }

  @Override
  public Run runAt(long pos) {
    return RunMap.find(runs, pos);
  }
}
