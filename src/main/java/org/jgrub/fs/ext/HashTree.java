package org.jgrub.fs.ext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.Limits;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;

/**
 * Lookup through a directory's hash tree (ext4 on-disk format, "Hash Tree Directories"): hash the
 * name, descend from the root block through at most three levels of sorted (hash, block) entries
 * to one leaf block and scan only that. Only a shortcut: when the tree is not usable, or the name
 * is not in that leaf (it may have spilled into the next leaf on a hash collision), the caller
 * scans the whole directory, so the answer never depends on the index being right.
 */
final class HashTree {
  private HashTree() {}

  static final int FL_INDEX = 0x1000;
  // dx_root: "." and ".." entries (12 bytes each), then dx_root_info, then the entries.
  static final int ROOT_INFO = 0x18;
  static final int INFO_RESERVED_ZERO = 0x0;
  static final int INFO_HASH_VERSION = 0x4;
  static final int INFO_LENGTH = 0x5;
  static final int INFO_INDIRECT_LEVELS = 0x6;
  static final int ROOT_INFO_LENGTH = 8;
  // dx_node: one empty entry of 8 bytes, then the entries.
  static final int NODE_ENTRIES = 8;
  // dx_countlimit in entry 0; entry i >= 1 is (hash, block).
  static final int LIMIT = 0;
  static final int COUNT = 2;
  static final int ENTRY = 8;
  static final int E_HASH = 0;
  static final int E_BLOCK = 4;
  /** The kernel keeps only the low 28 bits of a block number in an index entry. */
  static final long BLOCK_MASK = 0x0fffffffL;
  static final int MAX_LEVELS = 1;
  static final int MAX_LEVELS_LARGEDIR = 2;

  /** The entry for {@code name} found through the index, or null: then scan linearly. */
  static DirEntry lookup(BlockDevice dev, Superblock sb, ExtNode dir, RunMap map, String name,
      String who, Limits limits) throws IOException {
    if (!dir.inode.hasFlag(FL_INDEX) || dir.inode.hasFlag(Inode.FL_INLINE_DATA)
        || (sb.compat() & Features.COMPAT_DIR_INDEX) == 0) {
      return null;
    }
    byte[] want = name.getBytes(StandardCharsets.UTF_8);
    long blocks = dir.size() / sb.blockSize();
    ByteView block = logical(dev, sb, map, 0, blocks, who);
    if (block == null || block.u32le(ROOT_INFO + INFO_RESERVED_ZERO) != 0
        || block.u8(ROOT_INFO + INFO_LENGTH) != ROOT_INFO_LENGTH) {
      return null;
    }
    int version = block.u8(ROOT_INFO + INFO_HASH_VERSION);
    int levels = block.u8(ROOT_INFO + INFO_INDIRECT_LEVELS);
    int maxLevels = sb.has(Features.INCOMPAT_LARGEDIR) ? MAX_LEVELS_LARGEDIR : MAX_LEVELS;
    if (version > DirHash.TEA || levels > maxLevels) {
      return null;
    }
    if (sb.unsignedHash()) {
      version += DirHash.LEGACY_UNSIGNED;
    }
    long hash = DirHash.hash(want, version, sb.hashSeed()) & 0xffffffffL;
    int at = ROOT_INFO + ROOT_INFO_LENGTH;
    for (int level = 0; ; level++) {
      int count = block.u16le(at + COUNT);
      int limit = block.u16le(at + LIMIT);
      if (count == 0 || count > limit || limit > (block.length() - at) / ENTRY) {
        return null;
      }
      // The last entry whose hash is <= ours; entry 0 stands for every hash below entry 1's.
      int lo = 1;
      int hi = count - 1;
      int pick = 0;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (block.u32le(at + mid * ENTRY + E_HASH) <= hash) {
          pick = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      long next = block.u32le(at + pick * ENTRY + E_BLOCK) & BLOCK_MASK;
      block = logical(dev, sb, map, next, blocks, who);
      if (block == null) {
        return null;
      }
      if (level == levels) {
        List<DirEntry> leaf = new ArrayList<>();
        DirBlock.parse(block, sb.blockSize(), who, leaf, limits.dirEntries);
        for (DirEntry e : leaf) {
          if (e.name().equals(name)) {
            return e;
          }
        }
        return null;
      }
      at = NODE_ENTRIES;
    }
  }

  /** Logical block {@code lb} of the directory, or null for a hole or a block past its end. */
  private static ByteView logical(BlockDevice dev, Superblock sb, RunMap map, long lb,
      long blocks, String who) throws IOException {
    if (lb >= blocks) {
      return null;
    }
    long pos = lb * sb.blockSize();
    Run r = map.runAt(pos);
    if (r.isHole()) {
      return null;
    }
    long devAt = r.deviceOffset() + (pos - r.fileOffset());
    dev.checkRange(devAt, sb.blockSize(), who + ": directory block");
    return ByteView.read(dev, devAt, sb.blockSize(), who + ": directory block " + lb);
  }
}
