package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.compress.Codecs;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsSpace;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.fs.RunReader;
import org.jgrub.io.Bounds;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.Uuids;

/**
 * A read-only btrfs filesystem. {@link #root()} is the top of the subvolume this view was opened
 * on: for the probe's view, the top-level FS tree (id 5), as GRUB's btrfs driver does since
 * "Make / in btrfs refer to real root, not the default volume"; directory entries that name a
 * subvolume lead into that subvolume's tree, so "/@/.snapshots/1/snapshot/boot/vmlinuz" and
 * "/root/boot/vmlinuz" resolve as GRUB resolves them. {@link #defaultSubvolume()} is the view
 * rooted at the default subvolume, for paths written relative to it (SUSE's btrfs_relative_path).
 */
public final class BtrfsFs implements GuestFs {
  /** BTRFS_MAX_UNCOMPRESSED: a compressed extent holds at most 128 KiB of file data. */
  static final int MAX_UNCOMPRESSED = 128 * 1024;
  /** Linux's PATH_MAX bounds a symlink target. */
  static final int SYMLINK_MAX = 4095;

  private final BtrfsVolume vol;
  private final long rootId;
  private Object cachedExtentKey;
  private byte[] cachedExtentData;
  /** Whether cachedExtentData is this object's own buffer (not an inline extent's bytes). */
  private boolean cachedIsBuffer;
  private final Codecs codecs = new Codecs();
  /** The compressed bytes of the extent being decoded, reused. */
  private byte[] compressed = new byte[0];

  BtrfsFs(BtrfsVolume vol, long rootId) {
    this.vol = vol;
    this.rootId = rootId;
  }

  /** The subvolume whose top directory {@link #root()} returns. */
  public long rootSubvolumeId() {
    return rootId;
  }

  /** The default subvolume's id (5 when none was set). */
  public long defaultSubvolumeId() throws IOException {
    return vol.defaultSubvolumeId();
  }

  /** A view of the same volume whose root is the default subvolume's top directory. */
  public BtrfsFs defaultSubvolume() throws IOException {
    return new BtrfsFs(vol, vol.defaultSubvolumeId());
  }

  @Override
  public List<View> bootViews(int max) throws IOException {
    return SubvolumeViews.of(this, max);
  }

  @Override
  public GuestFs topLevel() throws IOException {
    return rootId == BtrfsConst.FS_TREE_OBJECTID ? null : subvolume(BtrfsConst.FS_TREE_OBJECTID);
  }

  /** A view of the same volume whose root is subvolume {@code id}'s top directory. */
  public BtrfsFs subvolume(long id) throws IOException {
    vol.subvolume(id);
    return new BtrfsFs(vol, id);
  }

  /**
   * A view whose root is the subvolume that {@code dir} (a directory of this view, e.g. the top
   * directory of a subvolume reached by path) belongs to.
   */
  public BtrfsFs subvolumeOf(Node dir) throws IOException {
    if (!(dir instanceof BtrfsInode i)) {
      throw new IllegalArgumentException("not a btrfs node: " + dir);
    }
    return subvolume(i.treeId);
  }

  /** A subvolume reached by one name in a directory: the name and the subvolume's id. */
  public record Child(String name, long id) {}

  /**
   * The subvolumes whose top directories are entries of this view's root directory, in directory
   * order (Debian's installer makes {@code @rootfs} there, Ubuntu's {@code @}, Fedora's {@code
   * root}); at most {@code max}, since each is searched for a configuration.
   */
  public List<Child> childSubvolumes(int max) throws IOException {
    List<Child> out = new ArrayList<>();
    for (DirEntry e : list(root())) {
      BtrfsRef r = (BtrfsRef) e.ref();
      if (r.subvolume() && out.size() < max) {
        out.add(new Child(e.name(), r.objectId()));
      }
    }
    return out;
  }

  /** The opened volume (package-private: for tests that locate structures). */
  BtrfsVolume volume() {
    return vol;
  }

  /** This view's FS tree (package-private: for tests that locate structures). */
  BtrfsTree rootTreeForTests() throws IOException {
    return vol.subvolume(rootId).tree();
  }

  /** The checksum algorithm of the volume's metadata ("crc32c", "xxhash64", "sha256"). */
  public String checksum() {
    return vol.sb.csum().name();
  }

  @Override
  public Bounds bounds() {
    return vol.bounds;
  }

  @Override
  public String type() {
    return "btrfs";
  }

  @Override
  public Optional<String> uuid() {
    return Optional.of(Uuids.format(vol.sb.fsid()));
  }

  /** total_bytes and bytes_used of the superblock (all devices, before RAID overhead). */
  @Override
  public FsSpace space() throws IOException {
    ByteView v = ByteView.read(vol.dev, vol.sb.at() + BtrfsSuperblock.OFF_BYTES_USED, 8,
        "btrfs superblock bytes_used");
    long total = vol.sb.totalBytes();
    if (total < 0) {
      throw v.corrupt("total_bytes " + Long.toUnsignedString(total) + " past 2^63");
    }
    return new FsSpace(total, total - Math.min(Math.max(v.u64le(0), 0), total));
  }

  @Override
  public Optional<String> label() {
    return vol.sb.label().isEmpty() ? Optional.empty() : Optional.of(vol.sb.label());
  }

  @Override
  public Node root() throws IOException {
    return subvolumeRoot(rootId);
  }

  private BtrfsInode subvolumeRoot(long id) throws IOException {
    BtrfsVolume.Subvolume s = vol.subvolume(id);
    BtrfsInode n = inode(s.tree(), id, s.rootDir());
    if (n.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException("btrfs: subvolume " + id + " top inode is not a directory");
    }
    return n;
  }

  private BtrfsInode inode(BtrfsTree tree, long treeId, long ino) throws IOException {
    ByteView item = tree.find(new BtrfsKey(ino, BtrfsConst.INODE_ITEM, 0));
    if (item == null) {
      throw new CorruptDataException(
          "btrfs: tree " + treeId + " has no inode item for inode " + ino);
    }
    return new BtrfsInode(tree, treeId, ino, item);
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    BtrfsInode d = (BtrfsInode) dir;
    if (d.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(d.where() + " is not a directory");
    }
    List<DirEntry> out = new ArrayList<>();
    int limit = vol.bounds.limits().dirEntries;
    BtrfsTree.Cursor c = d.tree.seek(new BtrfsKey(d.ino, BtrfsConst.DIR_INDEX, 0));
    while (c.valid() && c.key().objectId() == d.ino && c.key().type() == BtrfsConst.DIR_INDEX) {
      Limits.check(out.size() + 1L, limit, d.where() + " entries");
      ByteView v = c.data();
      int nameLen = v.u16le(BtrfsVolume.DIR_OFF_NAME_LEN);
      if (nameLen == 0 || nameLen > BtrfsVolume.NAME_MAX) {
        throw v.corrupt("name of " + nameLen + " bytes");
      }
      String name = v.string(BtrfsVolume.DIR_OFF_NAME, nameLen, StandardCharsets.UTF_8);
      BtrfsKey loc = BtrfsKey.read(v, BtrfsVolume.DIR_OFF_LOCATION);
      BtrfsRef ref;
      if (loc.type() == BtrfsConst.ROOT_ITEM) {
        ref = new BtrfsRef(d.treeId, loc.objectId(), true);
      } else if (loc.type() == BtrfsConst.INODE_ITEM) {
        ref = new BtrfsRef(d.treeId, loc.objectId(), false);
      } else {
        throw v.corrupt("entry '" + name + "' points at a key of type " + loc.type());
      }
      out.add(new DirEntry(name, ref));
      c.next();
    }
    vol.bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    return out;
  }

  /**
   * A lookup is one search of the directory's tree for the DIR_ITEM keyed by the name's hash, as
   * GRUB's and Linux's btrfs do: a miss in a directory of any size costs one descent of the tree,
   * never a scan. One DIR_ITEM packs every entry whose name has that hash.
   */
  @Override
  public Optional<DirEntry> lookup(Node dir, String name) throws IOException {
    BtrfsInode d = (BtrfsInode) dir;
    if (d.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(d.where() + " is not a directory");
    }
    byte[] want = name.getBytes(StandardCharsets.UTF_8);
    if (want.length == 0 || want.length > BtrfsVolume.NAME_MAX) {
      return Optional.empty();
    }
    ByteView v = d.tree.find(new BtrfsKey(d.ino, BtrfsConst.DIR_ITEM, nameHash(want)));
    if (v == null) {
      vol.bounds.budget().charge(Budget.Kind.DIR_ENTRIES, 1);
      return Optional.empty();
    }
    int pos = 0;
    int seen = 0;
    while (pos < v.length()) {
      seen++;
      int nameLen = v.u16le(pos + BtrfsVolume.DIR_OFF_NAME_LEN);
      int dataLen = v.u16le(pos + BtrfsVolume.DIR_OFF_DATA_LEN);
      if (nameLen == 0 || nameLen > BtrfsVolume.NAME_MAX) {
        throw v.corrupt("name of " + nameLen + " bytes");
      }
      if (nameLen == want.length && java.util.Arrays.equals(
          v.bytes(pos + BtrfsVolume.DIR_OFF_NAME, nameLen), want)) {
        vol.bounds.budget().charge(Budget.Kind.DIR_ENTRIES, seen);
        BtrfsKey loc = BtrfsKey.read(v, pos + BtrfsVolume.DIR_OFF_LOCATION);
        if (loc.type() == BtrfsConst.ROOT_ITEM) {
          return Optional.of(new DirEntry(name, new BtrfsRef(d.treeId, loc.objectId(), true)));
        }
        if (loc.type() != BtrfsConst.INODE_ITEM) {
          throw v.corrupt("entry '" + name + "' points at a key of type " + loc.type());
        }
        return Optional.of(new DirEntry(name, new BtrfsRef(d.treeId, loc.objectId(), false)));
      }
      pos += BtrfsVolume.DIR_OFF_NAME + nameLen + dataLen;
    }
    vol.bounds.budget().charge(Budget.Kind.DIR_ENTRIES, seen);
    return Optional.empty();
  }

  /**
   * btrfs_name_hash: crc32c of the name from the seed ~1, without the final inversion (Linux's
   * crc32c() returns the raw register), so java.util.zip.CRC32C cannot compute it.
   */
  static long nameHash(byte[] name) {
    int crc = ~1;
    for (byte b : name) {
      crc ^= b & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
      }
    }
    return crc & 0xffffffffL;
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    BtrfsRef r = (BtrfsRef) entry.ref();
    if (r.subvolume()) {
      return subvolumeRoot(r.objectId());
    }
    BtrfsVolume.Subvolume s = vol.subvolume(r.tree());
    return inode(s.tree(), r.tree(), r.objectId());
  }

  @Override
  public String readLink(Node link) throws IOException {
    BtrfsInode l = (BtrfsInode) link;
    if (l.kind() != Node.Kind.SYMLINK) {
      throw new CorruptDataException(l.where() + " is not a symbolic link");
    }
    if (l.size <= 0 || l.size > SYMLINK_MAX) {
      throw new CorruptDataException(l.where() + ": symbolic link of " + l.size + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) l.size);
    readData(l, 0, b);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    BtrfsInode f = (BtrfsInode) file;
    if (f.kind() != Node.Kind.FILE) {
      throw new CorruptDataException(f.where() + " is not a regular file");
    }
    return readData(f, pos, dst);
  }

  @Override
  public List<Run> layout(Node file) throws IOException {
    BtrfsInode f = (BtrfsInode) file;
    if (f.kind() != Node.Kind.FILE) {
      throw new CorruptDataException(f.where() + " is not a regular file");
    }
    List<BtrfsExtent> ext = extents(f);
    for (BtrfsExtent e : ext) {
      if (!e.isPlain()) {
        return null;
      }
    }
    return RunMap.cover(new BtrfsRunMap(vol.blocks.chunks, ext, f.where()), f.size, f.where(),
        vol.bounds.limits());
  }

  private int readData(BtrfsInode f, long pos, ByteBuffer dst) throws IOException {
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    if (pos >= f.size) {
      return dst.hasRemaining() ? -1 : 0;
    }
    List<BtrfsExtent> ext = extents(f);
    int want = (int) Math.min(dst.remaining(), f.size - pos);
    int done = 0;
    BtrfsRunMap map = null;
    while (done < want) {
      long at = pos + done;
      int i = BtrfsRunMap.find(ext, at);
      int n;
      if (i >= 0 && !ext.get(i).isPlain()) {
        BtrfsExtent e = ext.get(i);
        byte[] data = decoded(f, e);
        long rel = at - e.fileOffset() + (e.type() == BtrfsExtent.TYPE_INLINE ? 0 : e.offset());
        n = (int) Math.min(want - done, e.end() - at);
        // Bytes past the decoded data (a stream that ended early) read as zeros, as in Linux.
        int avail = (int) Math.max(0, Math.min(n, data.length - rel));
        dst.put(data, (int) Math.min(rel, data.length), avail);
        for (int k = avail; k < n; k++) {
          dst.put((byte) 0);
        }
      } else {
        long stretchEnd = f.size;
        for (int k = i >= 0 ? i : BtrfsRunMap.nextAfter(ext, at); k < ext.size(); k++) {
          if (!ext.get(k).isPlain()) {
            stretchEnd = Math.min(stretchEnd, Math.max(ext.get(k).fileOffset(), at + 1));
            break;
          }
        }
        if (map == null) {
          map = new BtrfsRunMap(vol.blocks.chunks, ext, f.where());
        }
        ByteBuffer slice = dst.slice();
        slice.limit((int) Math.min(want - done, stretchEnd - at));
        n = RunReader.read(vol.dev, f.where(), stretchEnd, map, at, slice);
        dst.position(dst.position() + n);
      }
      if (n <= 0) {
        throw new CorruptDataException(f.where() + ": no progress reading at offset " + at);
      }
      done += n;
    }
    return done;
  }

  /** An inline or compressed extent's decoded bytes (the last one is kept). */
  private byte[] decoded(BtrfsInode f, BtrfsExtent e) throws IOException {
    Object key = e.type() == BtrfsExtent.TYPE_INLINE
        ? List.of(f.treeId, f.ino) : Long.valueOf(e.diskBytenr());
    if (key.equals(cachedExtentKey)) {
      return cachedExtentData;
    }
    String what = f.where() + " extent at file offset " + e.fileOffset();
    int limit = Math.min(MAX_UNCOMPRESSED, vol.bounds.limits().decompressedBlockBytes);
    byte[] out;
    if (e.type() == BtrfsExtent.TYPE_INLINE) {
      byte[] raw = e.inline().bytes(0, e.inline().length());
      if (e.compression() == BtrfsExtent.COMPRESS_NONE) {
        out = raw;
      } else {
        if (e.ramBytes() > vol.sb.sectorSize()) {
          throw new CorruptDataException(what + ": inline extent claims " + e.ramBytes()
              + " bytes, more than a sector");
        }
        out = BtrfsDecompress.run(codecs, e.compression(), raw, raw.length, null,
            (int) e.ramBytes(), vol.sb.sectorSize(), what, vol.bounds.budget());
      }
      cachedIsBuffer = false;
    } else {
      if (e.ramBytes() > limit || e.diskNumBytes() > MAX_UNCOMPRESSED
          || e.diskNumBytes() <= 0) {
        throw new CorruptDataException(what + ": compressed extent of " + e.diskNumBytes()
            + " bytes claims " + e.ramBytes() + " bytes of data (limit " + limit + ")");
      }
      if (e.offset() + e.numBytes() > e.ramBytes()) {
        throw new CorruptDataException(what + ": takes bytes past the extent's decompressed end");
      }
      int len = (int) e.diskNumBytes();
      if (compressed.length < len) {
        compressed = new byte[MAX_UNCOMPRESSED];
      }
      int got = 0;
      while (got < len) {
        BtrfsChunkMap.Mapping m = vol.blocks.chunks.map(e.diskBytenr() + got, what);
        int n = (int) Math.min(len - got, m.contiguous());
        vol.dev.checkRange(m.physical(), n, what);
        vol.dev.read(m.physical(), ByteBuffer.wrap(compressed, got, n));
        got += n;
      }
      // The cache's buffer is reused: the caller is done with the previous extent's bytes.
      cachedExtentKey = null;
      out = BtrfsDecompress.run(codecs, e.compression(), compressed, len,
          cachedIsBuffer ? cachedExtentData : null, (int) e.ramBytes(), vol.sb.sectorSize(), what, vol.bounds.budget());
      cachedIsBuffer = true;
    }
    cachedExtentKey = key;
    cachedExtentData = out;
    return out;
  }

  private List<BtrfsExtent> extents(BtrfsInode f) throws IOException {
    if (f.extents != null) {
      return f.extents;
    }
    List<BtrfsExtent> out = new ArrayList<>();
    int limit = vol.bounds.limits().extentsPerFile;
    BtrfsTree.Cursor c = f.tree.seek(new BtrfsKey(f.ino, BtrfsConst.EXTENT_DATA, 0));
    while (c.valid() && c.key().objectId() == f.ino
        && c.key().type() == BtrfsConst.EXTENT_DATA) {
      Limits.check(out.size() + 1L, limit, f.where() + " extents");
      BtrfsExtent e = BtrfsExtent.parse(c.data(), c.key().offset());
      if (!out.isEmpty() && out.get(out.size() - 1).end() > e.fileOffset()) {
        throw new CorruptDataException(
            f.where() + ": extents overlap at file offset " + e.fileOffset());
      }
      if (e.type() != BtrfsExtent.TYPE_INLINE && e.compression() == BtrfsExtent.COMPRESS_NONE
          && !e.isHole() && e.offset() + e.numBytes() > e.diskNumBytes()) {
        throw new CorruptDataException(
            f.where() + ": extent at file offset " + e.fileOffset() + " reads past its disk "
                + "extent");
      }
      out.add(e);
      c.next();
    }
    f.extents = out;
    return out;
  }
}
