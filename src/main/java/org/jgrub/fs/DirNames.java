package org.jgrub.fs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of the directories a driver looked up in, kept so that a loop of lookups (hits or
 * misses) in the directories of a path costs one scan of each, not one per lookup. Bounded: a few
 * directories (the path being walked), least recently used dropped, and a cap on the names of all
 * of them together, so hostile huge directories cannot pile up. A directory with more names than
 * that keeps only the sorted hashes of its names (4 bytes each), so a lookup of a missing name in
 * it is still not a rescan: a hostile loop of misses in 140,000 names rescanned 9 MB per miss.
 * Keys are whatever identifies a directory on the filesystem (an inode number).
 */
public final class DirNames {
  /** Directories kept: the path being walked, a few levels deep. */
  public static final int DIRS = 8;
  /** Names kept in all of them together (a few MB). */
  public static final int NAMES = 1 << 17;

  private final LinkedHashMap<Long, Map<String, DirEntry>> dirs =
      new LinkedHashMap<>(16, 0.75f, true);
  private int names;
  /** The last directory too large to keep, and the sorted hashes of its names. */
  private long bigDir = -1;
  private int[] bigDirHashes;

  /** The names of directory {@code dir}, or null when they are not kept. */
  public Map<String, DirEntry> get(long dir) {
    return dirs.get(dir);
  }

  /** Whether {@code name} is known to be absent from {@code dir} without scanning it. */
  public boolean surelyAbsent(long dir, String name) {
    return bigDir == dir && Arrays.binarySearch(bigDirHashes, name.hashCode()) < 0;
  }

  /** Keeps a directory's names (name to entry, as the driver keys them). */
  public void put(long dir, Map<String, DirEntry> byName) {
    if (byName.size() > NAMES) {
      int[] h = new int[byName.size()];
      int i = 0;
      for (String k : byName.keySet()) {
        h[i++] = k.hashCode();
      }
      Arrays.sort(h);
      bigDir = dir;
      bigDirHashes = h;
      return;
    }
    dirs.put(dir, byName);
    names += byName.size();
    var it = dirs.entrySet().iterator();
    while ((dirs.size() > DIRS || names > NAMES) && it.hasNext()) {
      Map.Entry<Long, Map<String, DirEntry>> eldest = it.next();
      if (eldest.getKey() == dir) {
        continue;
      }
      names -= eldest.getValue().size();
      it.remove();
    }
  }
}
