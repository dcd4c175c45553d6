package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;

/**
 * An opened btrfs volume: superblock, chunk map (bootstrapped from the superblock's
 * sys_chunk_array, then completed from the chunk tree), the root tree and the FS trees found
 * through it.
 */
final class BtrfsVolume {
  static final int ROOT_OFF_DIRID = 168;
  static final int ROOT_OFF_BYTENR = 176;
  static final int ROOT_OFF_LEVEL = 238;
  static final int ROOT_ITEM_MIN = 239;
  static final int DIR_OFF_LOCATION = 0;
  static final int DIR_OFF_DATA_LEN = 25;
  static final int DIR_OFF_NAME_LEN = 27;
  static final int DIR_OFF_NAME = 30;
  /** BTRFS_NAME_LEN. */
  static final int NAME_MAX = 255;

  final BlockDevice dev;
  final BtrfsSuperblock sb;
  final BtrfsBlocks blocks;
  final BtrfsTree rootTree;
  private final Map<Long, Subvolume> subvolumes = new HashMap<>();

  /** What this volume's readers keep to. */
  final Bounds bounds;

  /** An FS tree and the inode number of its top directory. */
  record Subvolume(long id, BtrfsTree tree, long rootDir) {}

  BtrfsVolume(BlockDevice dev, BtrfsSuperblock sb, Bounds bounds) throws IOException {
    this.dev = dev;
    this.sb = sb;
    this.bounds = bounds;
    BtrfsChunkMap map = new BtrfsChunkMap(sb.devId(), dev.size(), bounds.limits());
    ByteView a = sb.sysChunkArray();
    int pos = 0;
    while (pos < a.length()) {
      BtrfsKey k = BtrfsKey.read(a, pos);
      if (k.type() != BtrfsConst.CHUNK_ITEM) {
        throw a.corrupt("item of type " + k.type() + " at offset " + pos);
      }
      pos += BtrfsKey.SIZE;
      BtrfsChunk c = BtrfsChunk.parse(a, pos, k.offset());
      map.add(c);
      pos += BtrfsChunk.size(c.devIds().length);
    }
    if (map.size() == 0) {
      throw a.corrupt("no system chunks");
    }
    this.blocks = new BtrfsBlocks(dev, sb, map, bounds.limits());
    BtrfsTree chunkTree = new BtrfsTree(blocks, sb.chunkRoot(), sb.chunkRootLevel(), "chunk");
    BtrfsTree.Cursor c = chunkTree.seek(new BtrfsKey(0, 0, 0));
    int steps = 0;
    while (c.valid()) {
      Limits.check(++steps, bounds.limits().extentsPerFile, "btrfs chunk tree items");
      BtrfsKey k = c.key();
      if (k.type() == BtrfsConst.CHUNK_ITEM) {
        map.add(BtrfsChunk.parse(c.data(), 0, k.offset()));
      }
      c.next();
    }
    this.rootTree = new BtrfsTree(blocks, sb.rootTree(), sb.rootLevel(), "root");
  }

  /** The FS tree of subvolume {@code id} (5 is the top level). */
  Subvolume subvolume(long id) throws IOException {
    Subvolume s = subvolumes.get(id);
    if (s != null) {
      return s;
    }
    if (id != BtrfsConst.FS_TREE_OBJECTID
        && (Long.compareUnsigned(id, BtrfsConst.FIRST_FREE_OBJECTID) < 0
            || Long.compareUnsigned(id, BtrfsConst.LAST_FREE_OBJECTID) > 0)) {
      throw new CorruptDataException("btrfs: " + id + " is not a subvolume id");
    }
    // Snapshot root items carry the creating transaction in the key offset: take the first.
    BtrfsTree.Cursor c = rootTree.seek(new BtrfsKey(id, BtrfsConst.ROOT_ITEM, 0));
    if (!c.valid() || c.key().objectId() != id || c.key().type() != BtrfsConst.ROOT_ITEM) {
      throw new NotFoundException("btrfs: subvolume " + id + " has no root item");
    }
    ByteView r = c.data();
    if (r.length() < ROOT_ITEM_MIN) {
      throw r.corrupt("root item of " + r.length() + " bytes");
    }
    BtrfsTree t = new BtrfsTree(blocks, r.u64le(ROOT_OFF_BYTENR), r.u8(ROOT_OFF_LEVEL),
        "subvolume " + id);
    s = new Subvolume(id, t, r.u64le(ROOT_OFF_DIRID));
    Limits.check(subvolumes.size() + 1L, bounds.limits().dirEntries, "btrfs subvolumes opened");
    subvolumes.put(id, s);
    return s;
  }

  /**
   * The default subvolume (btrfs subvolume set-default): the "default" entry of the root tree
   * directory (objectid 6); the top level (5) when there is none.
   */
  long defaultSubvolumeId() throws IOException {
    BtrfsTree.Cursor c =
        rootTree.seek(new BtrfsKey(BtrfsConst.ROOT_TREE_DIR_OBJECTID, BtrfsConst.DIR_ITEM, 0));
    int steps = 0;
    while (c.valid() && c.key().objectId() == BtrfsConst.ROOT_TREE_DIR_OBJECTID
        && c.key().type() == BtrfsConst.DIR_ITEM) {
      Limits.check(++steps, bounds.limits().dirEntries, "btrfs root tree directory items");
      ByteView d = c.data();
      int pos = 0;
      // One DIR_ITEM may pack several entries whose names share a hash.
      while (pos < d.length()) {
        int nameLen = d.u16le(pos + DIR_OFF_NAME_LEN);
        int dataLen = d.u16le(pos + DIR_OFF_DATA_LEN);
        String name = d.string(pos + DIR_OFF_NAME, nameLen, StandardCharsets.UTF_8);
        if (name.equals("default")) {
          return BtrfsKey.read(d, pos + DIR_OFF_LOCATION).objectId();
        }
        pos += DIR_OFF_NAME + nameLen + dataLen;
      }
      c.next();
    }
    return BtrfsConst.FS_TREE_OBJECTID;
  }
}
