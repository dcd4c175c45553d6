package org.jgrub.fs.btrfs;

import java.io.IOException;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One B-tree (root tree, chunk tree, an FS tree) and a cursor over its leaf items in key order.
 * Each step down must reach exactly the next lower level and a child whose first key equals the
 * parent's key for it, so a block pointing to itself or to an ancestor is caught at once.
 */
final class BtrfsTree {
  final BtrfsBlocks blocks;
  final long root;
  final int rootLevel;
  final String name;

  BtrfsTree(BtrfsBlocks blocks, long root, int rootLevel, String name)
      throws CorruptDataException {
    if (rootLevel > BtrfsSuperblock.MAX_LEVEL || rootLevel >= blocks.limits.treeDepth) {
      throw new CorruptDataException("btrfs: " + name + " tree of level " + rootLevel);
    }
    this.blocks = blocks;
    this.root = root;
    this.rootLevel = rootLevel;
    this.name = name;
  }

  /** A cursor at the first item whose key is at least {@code k}. */
  Cursor seek(BtrfsKey k) throws IOException {
    Cursor c = new Cursor();
    BtrfsNode n = blocks.read(root, rootLevel, name);
    while (true) {
      c.path[n.level] = n;
      if (n.level == 0) {
        int slot = n.floor(k);
        if (slot < 0 || n.key(slot).compareTo(k) < 0) {
          slot++;
        }
        c.slot[0] = slot;
        if (slot >= n.count) {
          c.advance();
        }
        return c;
      }
      int slot = Math.max(n.floor(k), 0);
      c.slot[n.level] = slot;
      n = c.child(n, slot);
    }
  }

  /** The item with exactly key {@code k}, or null. */
  ByteView find(BtrfsKey k) throws IOException {
    Cursor c = seek(k);
    return c.valid() && c.key().equals(k) ? c.data() : null;
  }

  /** Walks leaf items forward; keeps the path from the root to the current leaf. */
  final class Cursor {
    final BtrfsNode[] path = new BtrfsNode[BtrfsSuperblock.MAX_LEVEL + 1];
    final int[] slot = new int[BtrfsSuperblock.MAX_LEVEL + 1];
    private boolean done;

    boolean valid() {
      return !done;
    }

    BtrfsKey key() {
      return path[0].key(slot[0]);
    }

    ByteView data() throws CorruptDataException {
      return path[0].item(slot[0]);
    }

    void next() throws IOException {
      slot[0]++;
      if (slot[0] >= path[0].count) {
        advance();
      }
    }

    /** Moves to the first item of the next non-empty leaf, or marks the cursor done. */
    void advance() throws IOException {
      int level = 1;
      while (true) {
        while (level <= rootLevel && slot[level] + 1 >= path[level].count) {
          level++;
        }
        if (level > rootLevel) {
          done = true;
          return;
        }
        slot[level]++;
        BtrfsNode n = path[level];
        int s = slot[level];
        while (n.level > 0) {
          n = child(n, s);
          path[n.level] = n;
          s = 0;
          slot[n.level] = 0;
        }
        if (n.count > 0) {
          return;
        }
        level = 1; // an empty leaf below a node is corrupt, but skip it rather than loop
      }
    }

    private BtrfsNode child(BtrfsNode parent, int s) throws IOException {
      BtrfsNode c = blocks.read(parent.child(s), parent.level - 1, name);
      if (c.count == 0 || !c.key(0).equals(parent.key(s))) {
        throw new CorruptDataException(
            "btrfs: " + name + " tree block at logical 0x" + Long.toHexString(c.logical)
                + " does not start with its parent's key " + parent.key(s));
      }
      return c;
    }
  }
}
