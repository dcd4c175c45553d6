package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * The S+tree walk (Reiser, "ReiserFS v.3 whitepaper"; Linux fs/reiserfs/stree.c): a descent from
 * the root that checks each node's level and that its keys lie between the delimiting keys its
 * parent gave it, and a forward scan of an object's items across leaves that re-descends at each
 * leaf's right delimiting key.
 */
final class ReiserTree {
  /** Formatted blocks kept parsed: a directory or a file's leaves are revisited often. */
  private static final int CACHE_BLOCKS = 256;

  private final BlockDevice dev;
  private final ReiserSuperblock sb;
  private final Map<Long, ReiserNodeBlock> cache =
      new LinkedHashMap<Long, ReiserNodeBlock>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ReiserNodeBlock> e) {
          return size() > CACHE_BLOCKS;
        }
      };

  private final Limits limits;

  ReiserTree(BlockDevice dev, ReiserSuperblock sb, Limits limits) {
    this.dev = dev;
    this.limits = limits;
    this.sb = sb;
  }

  /** An item of a leaf: its header and the leaf that holds its body. */
  record Item(ReiserItemHeader header, ReiserNodeBlock leaf) {
    ByteView body() throws CorruptDataException {
      return leaf.data().slice(header.location(), header.length(),
          leaf.data().what() + ", item " + header.key());
    }

    /** Byte offset of the body on the volume. */
    long bodyOffset(int blockSize) {
      return leaf.block() * blockSize + header.location();
    }
  }

  /** A descent's end: the leaf, and the smallest key right of it (null at the tree's right end). */
  private record Found(ReiserNodeBlock leaf, ReiserKey rightDelimiter) {}

  private Found descend(ReiserKey key) throws IOException {
    long block = sb.rootBlock();
    // s_tree_height counts the unformatted (data) level too: the root's level is one less.
    int level = sb.treeHeight() - 1;
    ReiserKey low = null;
    ReiserKey high = null;
    int steps = 0;
    int maxSteps = Math.min(ReiserSuperblock.MAX_HEIGHT, limits.treeDepth);
    while (true) {
      if (++steps > maxSteps) {
        throw new CorruptDataException("ReiserFS: tree deeper than " + maxSteps + " levels");
      }
      ReiserNodeBlock node = node(block, level);
      if (low != null && node.firstKey().compareTo(low) < 0
          || high != null && node.lastKey().compareTo(high) >= 0) {
        throw node.data().corrupt("tree block " + block + " holds keys " + node.firstKey()
            + ".." + node.lastKey() + " outside its parent's range " + low + ".." + high
            + " (keys out of order)");
      }
      if (node.leaf()) {
        return new Found(node, high);
      }
      List<ReiserKey> keys = node.keys();
      int i = 0;
      while (i < keys.size() && keys.get(i).compareTo(key) <= 0) {
        i++;
      }
      if (i > 0) {
        low = keys.get(i - 1);
      }
      if (i < keys.size()) {
        high = keys.get(i);
      }
      block = node.children()[i];
      level--;
    }
  }

  private synchronized ReiserNodeBlock node(long block, int level) throws IOException {
    ReiserNodeBlock n = cache.get(block);
    if (n != null) {
      if (n.level() != level) {
        throw n.data().corrupt("tree block " + block + " reached at level " + level
            + " but has level " + n.level() + " (a loop in the tree)");
      }
      return n;
    }
    long off = Math.multiplyExact(block, (long) sb.blockSize());
    String what = dev.describe() + ": ReiserFS tree block " + block;
    dev.checkRange(off, sb.blockSize(), what);
    n = ReiserNodeBlock.parse(ByteView.read(dev, off, sb.blockSize(), what), block, level,
        sb.blockCount());
    cache.put(block, n);
    return n;
  }

  /** The item with exactly {@code key}, or null. */
  Item find(ReiserKey key) throws IOException {
    ReiserNodeBlock leaf = descend(key).leaf();
    for (ReiserItemHeader h : leaf.items()) {
      int c = h.key().compareTo(key);
      if (c == 0) {
        return new Item(h, leaf);
      }
      if (c > 0) {
        break;
      }
    }
    return null;
  }

  /**
   * Every item of the object {@code from} names, in key order, starting at {@code from}; at most
   * {@code limit} items.
   */
  List<Item> items(ReiserKey from, int limit, String what) throws IOException {
    return items(from, null, false, limit, what);
  }

  /**
   * The object's items from {@code from} up to {@code upTo} (inclusive; null: to the object's
   * end). With {@code withPreceding}, the object's last item before {@code from} comes first: a
   * directory item keyed below a hash may still hold entries for it.
   */
  List<Item> items(ReiserKey from, ReiserKey upTo, boolean withPreceding, int limit, String what)
      throws IOException {
    List<Item> out = new ArrayList<>();
    ReiserKey at = from;
    int leaves = 0;
    if (withPreceding) {
      Found f = descend(from);
      Item before = null;
      for (ReiserItemHeader h : f.leaf().items()) {
        if (h.key().compareTo(from) >= 0) {
          break;
        }
        before = new Item(h, f.leaf());
      }
      if (before != null && before.header().key().sameObject(from)) {
        out.add(before);
      }
    }
    while (true) {
      Found f = descend(at);
      boolean past = false;
      for (ReiserItemHeader h : f.leaf().items()) {
        if (h.key().compareTo(at) < 0) {
          continue;
        }
        if (!h.key().sameObject(from) || upTo != null && h.key().compareTo(upTo) > 0) {
          past = true;
          break;
        }
        Limits.check(out.size() + 1L, limit, what);
        out.add(new Item(h, f.leaf()));
      }
      ReiserKey next = f.rightDelimiter();
      if (past || next == null || !next.sameObject(from)
          || upTo != null && next.compareTo(upTo) > 0) {
        return out;
      }
      if (next.compareTo(at) <= 0) {
        throw new CorruptDataException("ReiserFS: right delimiting key " + next
            + " does not advance past " + at + " (keys out of order)");
      }
      // The items returned keep their leaves: bound the bytes held, not just the count.
      Limits.check(Math.multiplyExact(++leaves + 1L, (long) sb.blockSize()),
          limits.metadataBytes, what + " leaf bytes");
      at = next;
    }
  }
}
