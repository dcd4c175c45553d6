package org.jgrub.fs.zfs;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small least-recently-used cache of decompressed blocks, bounded in bytes. */
final class BlockCache {
  /** Identifies a block by its first copy's location and birth txg. */
  record Key(long vdev, long offset, long birth) {}

  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<Key, ZfsPool.Block> map = new LinkedHashMap<>(64, 0.75f, true);

  BlockCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized ZfsPool.Block get(Key k) {
    return map.get(k);
  }

  synchronized void put(Key k, ZfsPool.Block b) {
    long size = b.data().length;
    if (size > maxBytes / 4) {
      return;
    }
    ZfsPool.Block old = map.put(k, b);
    if (old != null) {
      bytes -= old.data().length;
    }
    bytes += size;
    var it = map.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<Key, ZfsPool.Block> e = it.next();
      bytes -= e.getValue().data().length;
      it.remove();
    }
  }
}
