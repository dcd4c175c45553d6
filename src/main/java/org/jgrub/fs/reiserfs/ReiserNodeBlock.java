package org.jgrub.fs.reiserfs;

import java.util.List;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One formatted block of the S+tree: a leaf (level 1) with item headers and item bodies, or an
 * internal node with n keys and n+1 child pointers ({@code struct disk_child}). Parsing checks
 * that every header, key and body fits the block and that keys strictly increase.
 *
 * @param block block number
 * @param level blk_level
 * @param data the block's bytes
 * @param keys internal node: the delimiting keys
 * @param children internal node: the child block numbers
 * @param items leaf: the item headers
 */
record ReiserNodeBlock(
    long block,
    int level,
    ByteView data,
    List<ReiserKey> keys,
    long[] children,
    List<ReiserItemHeader> items) {

  // struct block_head
  static final int BLKH_LEVEL = 0;
  static final int BLKH_NR_ITEM = 2;
  static final int BLKH_SIZE = 24;
  static final int LEAF_LEVEL = 1;
  // struct disk_child
  static final int DC_SIZE = 8;
  static final int DC_BLOCK_NUMBER = 0;

  boolean leaf() {
    return level == LEAF_LEVEL;
  }

  ReiserKey firstKey() {
    return leaf() ? items.get(0).key() : keys.get(0);
  }

  ReiserKey lastKey() {
    return leaf() ? items.get(items.size() - 1).key() : keys.get(keys.size() - 1);
  }

  static ReiserNodeBlock parse(ByteView v, long block, int expectedLevel, long blockCount)
      throws CorruptDataException {
    int level = v.u16le(BLKH_LEVEL);
    if (level != expectedLevel) {
      throw v.corrupt("tree block " + block + " has level " + level + ", expected "
          + expectedLevel + " (a pointer to the wrong block, or a loop)");
    }
    int n = v.u16le(BLKH_NR_ITEM);
    int size = v.length();
    if (level == LEAF_LEVEL) {
      if (n == 0 || BLKH_SIZE + (long) n * ReiserItemHeader.SIZE > size) {
        throw v.corrupt("leaf " + block + " claims " + n + " items");
      }
      ReiserItemHeader[] items = new ReiserItemHeader[n];
      int headersEnd = BLKH_SIZE + n * ReiserItemHeader.SIZE;
      for (int i = 0; i < n; i++) {
        int h = BLKH_SIZE + i * ReiserItemHeader.SIZE;
        int format = v.u16le(h + ReiserItemHeader.IH_VERSION);
        if (format != ReiserKey.FORMAT_35 && format != ReiserKey.FORMAT_36) {
          throw v.corrupt("leaf " + block + " item " + i + " has unknown version " + format);
        }
        ReiserKey k = ReiserKey.parse(v, h + ReiserItemHeader.IH_KEY, format);
        int len = v.u16le(h + ReiserItemHeader.IH_ITEM_LEN);
        int loc = v.u16le(h + ReiserItemHeader.IH_ITEM_LOCATION);
        if (loc < headersEnd || len > size - loc) {
          throw v.corrupt("leaf " + block + " item " + i + " body at " + loc + " (+" + len
              + ") outside the block");
        }
        items[i] = new ReiserItemHeader(k, v.u16le(h + ReiserItemHeader.IH_ENTRY_COUNT), len,
            loc, format);
        if (i > 0 && items[i - 1].key().compareTo(k) >= 0) {
          throw v.corrupt("leaf " + block + ": key " + k + " of item " + i
              + " does not follow " + items[i - 1].key() + " (keys out of order)");
        }
      }
      return new ReiserNodeBlock(block, level, v, List.of(), new long[0], List.of(items));
    }
    if (n == 0 || BLKH_SIZE + (long) n * ReiserKey.SIZE + (n + 1L) * DC_SIZE > size) {
      throw v.corrupt("internal node " + block + " claims " + n + " keys");
    }
    ReiserKey[] keys = new ReiserKey[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ReiserKey.parseAny(v, BLKH_SIZE + i * ReiserKey.SIZE);
      if (i > 0 && keys[i - 1].compareTo(keys[i]) >= 0) {
        throw v.corrupt("internal node " + block + ": key " + i + " " + keys[i]
            + " does not follow " + keys[i - 1] + " (keys out of order)");
      }
    }
    long[] children = new long[n + 1];
    int dc = BLKH_SIZE + n * ReiserKey.SIZE;
    for (int i = 0; i <= n; i++) {
      long c = v.u32le(dc + i * DC_SIZE + DC_BLOCK_NUMBER);
      if (c == 0 || c >= blockCount || c == block) {
        throw v.corrupt("internal node " + block + " child " + i + " points to block " + c);
      }
      children[i] = c;
    }
    return new ReiserNodeBlock(block, level, v, List.of(keys), children, List.of());
  }
}
