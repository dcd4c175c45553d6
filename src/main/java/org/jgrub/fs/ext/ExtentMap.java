package org.jgrub.fs.ext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrub.fs.Run;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Reads a whole extent tree (ext4 on-disk format, "Extent Tree") into a {@link RunList}. Every
 * node's depth must be its parent's minus one and no node may be visited twice, so a hostile
 * tree can neither loop nor fan out; the root depth is bounded by {@link Limits#treeDepth}.
 */
final class ExtentMap {
  static final int MAGIC = 0xf30a;
  static final int HEADER = 12;
  static final int ENTRY = 12;
  // Header fields.
  static final int EH_MAGIC = 0;
  static final int EH_ENTRIES = 2;
  static final int EH_MAX = 4;
  static final int EH_DEPTH = 6;
  // Leaf entry fields.
  static final int EE_BLOCK = 0;
  static final int EE_LEN = 4;
  static final int EE_START_HI = 6;
  static final int EE_START_LO = 8;
  // Index entry fields.
  static final int EI_BLOCK = 0;
  static final int EI_LEAF_LO = 4;
  static final int EI_LEAF_HI = 8;
  /** ee_len above this marks an unwritten extent of (ee_len - 32768) blocks. */
  static final int INIT_MAX_LEN = 32768;
  static final long MAX_LOGICAL_BLOCKS = 1L << 32;

  private final BlockDevice dev;
  private final Superblock sb;
  private final String who;
  private final List<Run> runs = new ArrayList<>();
  private final Set<Long> visited = new HashSet<>();
  private final int maxExtents;
  private long nextLogical;

  private final Limits limits;

  private ExtentMap(BlockDevice dev, Superblock sb, String who, Limits limits) {
    this.dev = dev;
    this.sb = sb;
    this.who = who;
    this.limits = limits;
    this.maxExtents = limits.extentsPerFile;
  }

  /** The runs of inode {@code inode}'s extent tree; {@code who} prefixes messages. */
  static RunList read(BlockDevice dev, Superblock sb, Inode inode, String who, Limits limits)
      throws IOException {
    ExtentMap m = new ExtentMap(dev, sb, who, limits);
    ByteView root = inode.iblock();
    int depth = m.header(root, -1);
    Limits.check(depth, limits.treeDepth, who + ": extent tree depth");
    m.node(root, depth);
    return new RunList(m.runs);
  }

  /** Checks a node header; returns its depth. {@code expected} is -1 for the root. */
  private int header(ByteView v, int expected) throws CorruptDataException {
    int magic = v.u16le(EH_MAGIC);
    if (magic != MAGIC) {
      throw new CorruptDataException(
          who + ": extent header magic 0x" + hex4(magic) + " at byte 0x"
              + Long.toHexString(v.diskOffset(EH_MAGIC)) + ", expected 0xf30a");
    }
    int entries = v.u16le(EH_ENTRIES);
    int max = v.u16le(EH_MAX);
    int depth = v.u16le(EH_DEPTH);
    int capacity = (v.length() - HEADER) / ENTRY;
    if (entries > max || max > capacity) {
      throw v.corrupt(
          "extent node holds " + entries + " of at most " + max + " entries (room for "
              + capacity + ")");
    }
    if (expected >= 0 && depth != expected) {
      throw v.corrupt("extent node depth " + depth + ", expected " + expected);
    }
    return depth;
  }

  // Recursion is bounded: the root depth is checked against Limits.treeDepth and each level
  // must be exactly one less than its parent.
  private void node(ByteView v, int depth) throws IOException {
    int entries = v.u16le(EH_ENTRIES);
    for (int i = 0; i < entries; i++) {
      int at = HEADER + i * ENTRY;
      if (depth == 0) {
        leaf(v, at);
        continue;
      }
      long child = v.u32le(at + EI_LEAF_LO) | (long) v.u16le(at + EI_LEAF_HI) << 32;
      if (child <= sb.firstDataBlock() || child >= sb.blocksCount()) {
        throw v.corrupt("extent index " + i + " points to block " + child
            + ", outside the filesystem (" + sb.blocksCount() + " blocks)");
      }
      if (!visited.add(child)) {
        throw v.corrupt("extent index " + i + " points to block " + child
            + ", already part of this tree (a loop)");
      }
      Limits.check(visited.size(), maxExtents, who + ": extent tree nodes");
      Limits.check((long) visited.size() * sb.blockSize(), limits.metadataBytes,
          who + ": bytes of extent tree nodes");
      ByteView c = ByteView.read(dev, sb.blockOffset(child), sb.blockSize(),
          who + ": extent node");
      header(c, depth - 1);
      node(c, depth - 1);
    }
  }

  private void leaf(ByteView v, int at) throws CorruptDataException {
    long logical = v.u32le(at + EE_BLOCK);
    int len = v.u16le(at + EE_LEN);
    boolean unwritten = len > INIT_MAX_LEN;
    if (unwritten) {
      len -= INIT_MAX_LEN;
    }
    long start = v.u32le(at + EE_START_LO) | (long) v.u16le(at + EE_START_HI) << 32;
    if (len == 0) {
      throw v.corrupt("extent of length 0 at logical block " + logical);
    }
    if (logical < nextLogical) {
      throw v.corrupt("extent at logical block " + logical + " overlaps or precedes the previous"
          + " one (ending at " + nextLogical + ")");
    }
    if (logical + len > MAX_LOGICAL_BLOCKS) {
      throw v.corrupt("extent ends past logical block 2^32");
    }
    if (start <= sb.firstDataBlock() && !unwritten || start > sb.blocksCount() - len) {
      throw v.corrupt("extent at logical block " + logical + " points to blocks " + start + "+"
          + len + ", outside the filesystem (" + sb.blocksCount() + " blocks)");
    }
    Limits.check(runs.size() + 1L, maxExtents, who + ": extents");
    long bs = sb.blockSize();
    runs.add(new Run(logical * bs, unwritten ? -1 : start * bs, len * bs));
    nextLogical = logical + len;
  }

  static String hex4(int v) {
    String h = Integer.toHexString(v);
    return "0000".substring(Math.min(4, h.length())) + h;
  }
}
