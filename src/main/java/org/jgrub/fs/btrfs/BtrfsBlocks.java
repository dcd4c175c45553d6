package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Reads tree blocks by logical address through the chunk map, verifies them once and keeps the
 * most recently used ones. Bytes read for metadata are counted against Limits.metadataBytes.
 */
final class BtrfsBlocks {
  private static final int CACHE = 256;
  final BlockDevice dev;
  final BtrfsSuperblock sb;
  final BtrfsChunkMap chunks;
  private long bytesRead;
  private final Map<Long, BtrfsNode> cache =
      new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BtrfsNode> e) {
          return size() > CACHE;
        }
      };

  /** The bounds of the volume: metadata read, tree depth. */
  final Limits limits;

  BtrfsBlocks(BlockDevice dev, BtrfsSuperblock sb, BtrfsChunkMap chunks, Limits limits) {
    this.dev = dev;
    this.limits = limits;
    this.sb = sb;
    this.chunks = chunks;
  }

  BtrfsNode read(long logical, int level, String tree) throws IOException {
    BtrfsNode n = cache.get(logical);
    if (n != null) {
      if (n.level != level) {
        throw new CorruptDataException(
            "btrfs: " + tree + " tree block at logical 0x" + Long.toHexString(logical)
                + " is level " + n.level + " where level " + level + " was expected");
      }
      return n;
    }
    int size = sb.nodeSize();
    String what = tree + " tree block";
    BtrfsChunkMap.Mapping m = chunks.map(logical, what);
    if (m.contiguous() < size) {
      throw new CorruptDataException(
          "btrfs: " + what + " at logical 0x" + Long.toHexString(logical)
              + " crosses a stripe or chunk end");
    }
    dev.checkRange(m.physical(), size, "btrfs " + what);
    bytesRead += size;
    Limits.check(bytesRead, limits.metadataBytes, "btrfs metadata bytes read");
    byte[] raw = dev.read(m.physical(), size);
    n = BtrfsNode.parse(sb, raw, logical, m.physical(), level, tree);
    cache.put(logical, n);
    return n;
  }
}
