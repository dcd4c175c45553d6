package org.jgrub.fs.ext;

import org.jgrub.io.Bounds;
import org.jgrub.io.Uuids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.DirNames;
import org.jgrub.fs.FsSpace;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.fs.RunReader;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A read-only ext2/ext3/ext4 volume: inodes found through the group descriptors, data through
 * extent trees, block maps or inline data, names through hash trees or linear scans.
 *
 * <p>The journal is never replayed. jgrub is read-only and meant for clean images (a guest that
 * shut down, or a snapshot). On a volume that needs recovery, what jgrub reads is the last
 * checkpointed state: files written just before a crash may be missing or old, exactly as GRUB
 * and pygrub see them; a kernel updated and then crashed before the checkpoint can show the
 * previous kernel, or fail with a clean corruption error if metadata is half-written.
 */
final class ExtFs implements GuestFs {
  static final long ROOT_INO = 2;
  /** PATH_MAX: the kernel never stores a longer symlink target. */
  static final int MAX_SYMLINK = 4096;
  static final int SECTOR = 512;
  static final int INLINE_DIR_PARENT = 4;
  /** Directory bytes read at a time. */
  static final int DIR_CHUNK = 1 << 16;

  /** Marks folded keys in the directory cache: a NUL never occurs in an ext name. */
  private static final String FOLDED = "\0";
  /** Names of the directories looked up in, for the next lookups there. */
  private final DirNames dirNames = new DirNames();

  private final BlockDevice dev;
  private final Superblock sb;
  private final GroupTable groups;
  private final String prefix;

  private final Bounds bounds;

  ExtFs(BlockDevice dev, Superblock sb, Bounds bounds) {
    this.dev = dev;
    this.bounds = bounds;
    this.sb = sb;
    this.groups = new GroupTable(dev, sb);
    this.prefix = sb.type();
  }

  Superblock superblock() {
    return sb;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return sb.type();
  }

  @Override
  public Optional<String> uuid() {
    byte[] u = sb.uuid();
    boolean zero = true;
    for (byte b : u) {
      zero &= b == 0;
    }
    if (zero) {
      return Optional.empty();
    }
    return Optional.of(Uuids.format(u));
  }

  /** s_blocks_count and s_free_blocks_count (both halves with 64bit), in bytes. */
  @Override
  public FsSpace space() throws IOException {
    ByteView v = ByteView.read(dev, Superblock.OFFSET, Superblock.SIZE, prefix + ": superblock");
    long free = v.u32le(Superblock.S_FREE_BLOCKS_COUNT_LO);
    if (sb.has(Features.INCOMPAT_64BIT)) {
      free |= v.u32le(Superblock.S_FREE_BLOCKS_COUNT_HI) << 32;
    }
    // blocksCount was checked against the device's size when the superblock was read.
    return new FsSpace(sb.blocksCount() * sb.blockSize(),
        Math.min(free, sb.blocksCount()) * sb.blockSize());
  }

  @Override
  public List<String> features() {
    return Features.names(sb.compat(), sb.incompat(), sb.roCompat());
  }

  @Override
  public Optional<String> label() {
    return sb.label().isEmpty() ? Optional.empty() : Optional.of(sb.label());
  }

  @Override
  public Node root() throws IOException {
    ExtNode n = node(ROOT_INO);
    if (n.kind() != Node.Kind.DIRECTORY) {
      throw n.inode.raw().corrupt("the root inode is not a directory (mode 0"
          + Integer.toOctalString(n.inode.mode()) + ")");
    }
    return n;
  }

  /** Reads inode {@code ino} through its group's descriptor. */
  ExtNode node(long ino) throws IOException {
    if (ino < 1 || ino > sb.inodesCount()) {
      throw new CorruptDataException(
          prefix + ": inode number " + ino + " out of range (1-" + sb.inodesCount() + ")");
    }
    long group = (ino - 1) / sb.inodesPerGroup();
    long index = (ino - 1) % sb.inodesPerGroup();
    long table = groups.inodeTable(group);
    long at = Math.addExact(sb.blockOffset(table), index * sb.inodeSize());
    ByteView v = ByteView.read(dev, at, sb.inodeSize(), prefix + ": inode " + ino);
    Inode inode = Inode.parse(ino, v, sb.has(Features.INCOMPAT_LARGEDIR));
    if (inode.mode() == 0) {
      throw v.corrupt("a directory entry names this inode but it is free (mode 0)");
    }
    return new ExtNode(inode);
  }

  private static ExtNode cast(Node n) {
    if (!(n instanceof ExtNode e)) {
      throw new IllegalArgumentException("not a node of this filesystem: " + n);
    }
    return e;
  }

  private String who(ExtNode n) {
    return prefix + ": inode " + n.ino();
  }

  private void refuseEncrypted(ExtNode n) throws UnsupportedFeatureException {
    if (n.inode.hasFlag(Inode.FL_ENCRYPT)) {
      throw new UnsupportedFeatureException(
          who(n) + " is encrypted (feature 'encrypt'): jgrub has no key to read it");
    }
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    ExtNode n = cast(dir);
    if (n.kind() != Node.Kind.DIRECTORY) {
      throw new IllegalArgumentException(who(n) + " is not a directory");
    }
    refuseEncrypted(n);
    List<DirEntry> out = new ArrayList<>();
    if (n.inode.hasFlag(Inode.FL_INLINE_DATA)) {
      // i_block: the parent's inode number, then entries; system.data: more entries.
      ByteView ib = n.inode.iblock();
      DirBlock.parse(ib.slice(INLINE_DIR_PARENT, Inode.I_BLOCK_LEN - INLINE_DIR_PARENT,
          who(n) + ": inline directory"), sb.blockSize(), who(n), out, bounds.limits().dirEntries);
      byte[] rest = InlineData.systemData(n.inode, who(n));
      if (rest.length > 0) {
        DirBlock.parse(ByteView.of(rest, who(n) + ": inline directory (system.data)"),
            sb.blockSize(), who(n), out, bounds.limits().dirEntries);
      }
      bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
      return out;
    }
    // Bounded like other metadata: a hostile directory could map the same blocks again and again.
    Limits.check(n.size(), bounds.limits().metadataBytes, who(n) + ": directory size");
    RunMap map = mapOf(n);
    long bs = sb.blockSize();
    long blocks = (n.size() + bs - 1) / bs;
    long end = blocks * bs;
    long pos = 0;
    while (pos < end) {
      Run r = map.runAt(pos);
      long runEnd = Math.min(end, r.fileOffset() + r.length());
      if (r.isHole()) {
        pos = runEnd; // the kernel allows no holes in directories, but skipping one is harmless
        continue;
      }
      long len = Math.min(runEnd - pos, DIR_CHUNK - DIR_CHUNK % bs);
      len = Math.max(len, bs);
      long devAt = r.deviceOffset() + (pos - r.fileOffset());
      dev.checkRange(devAt, len, who(n) + ": directory block");
      ByteView chunk = ByteView.read(dev, devAt, (int) len, who(n) + ": directory block");
      for (int off = 0; off < len; off += (int) bs) {
        DirBlock.parse(chunk.slice(off, (int) bs, chunk.what()), sb.blockSize(), who(n), out, bounds.limits().dirEntries);
      }
      pos += len;
    }
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    return out;
  }

  /**
   * Looks {@code name} up through the directory's hash tree when it has one, else (or when that
   * misses) by a linear scan. The names of the last few directories scanned are kept in hash
   * maps, so walking a large directory entry by entry costs one scan, not one each. Casefold
   * directories are keyed by the folded name too (an exact match wins over a folded one).
   */
  @Override
  public synchronized Optional<DirEntry> lookup(Node dir, String name) throws IOException {
    ExtNode n = cast(dir);
    boolean fold = caseInsensitive(dir);
    Map<String, DirEntry> m = dirNames.get(n.ino());
    if (m == null && !fold && dirNames.surelyAbsent(n.ino(), name)) {
      return Optional.empty(); // a directory too large to cache, and no name with this hash
    }
    if (m == null && !fold && n.kind() == Node.Kind.DIRECTORY) {
      // Casefold directories hash the kernel's folded name, which Casefold only approximates.
      refuseEncrypted(n);
      DirEntry hit = HashTree.lookup(dev, sb, n, mapOf(n), name, who(n), bounds.limits());
      if (hit != null) {
        return Optional.of(hit);
      }
    }
    if (m == null) {
      List<DirEntry> entries = list(dir);
      m = new HashMap<>(entries.size() * 2);
      for (DirEntry e : entries) {
        m.putIfAbsent(e.name(), e);
        if (fold) {
          m.putIfAbsent(FOLDED + Casefold.fold(e.name()), e);
        }
      }
      dirNames.put(n.ino(), m);
    }
    DirEntry e = m.get(name);
    if (e == null && fold) {
      e = m.get(FOLDED + Casefold.fold(name));
    }
    return Optional.ofNullable(e);
  }

  @Override
  public boolean caseInsensitive(Node dir) {
    return sb.has(Features.INCOMPAT_CASEFOLD)
        && dir instanceof ExtNode e
        && e.inode.hasFlag(Inode.FL_CASEFOLD);
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    if (!(entry.ref() instanceof ExtRef r)) {
      throw new IllegalArgumentException("not an entry of this filesystem: " + entry);
    }
    if (r.ino() < 1 || r.ino() > sb.inodesCount()) {
      throw new CorruptDataException(prefix + ": directory entry "
          + (r.entryAt() < 0 ? "" : "at byte 0x" + Long.toHexString(r.entryAt()) + " ")
          + "names inode " + r.ino() + ", out of range (1-" + sb.inodesCount() + ")");
    }
    return node(r.ino());
  }

  @Override
  public String readLink(Node link) throws IOException {
    ExtNode n = cast(link);
    if (n.kind() != Node.Kind.SYMLINK) {
      throw new IllegalArgumentException(who(n) + " is not a symbolic link");
    }
    refuseEncrypted(n);
    long size = n.size();
    if (size > MAX_SYMLINK) {
      throw new CorruptDataException(who(n) + ": symbolic link of " + size + " bytes");
    }
    byte[] target;
    if (n.inode.hasFlag(Inode.FL_INLINE_DATA)) {
      target = inline(n);
    } else if (isFastSymlink(n.inode)) {
      if (size >= Inode.I_BLOCK_LEN) {
        throw new CorruptDataException(
            who(n) + ": fast symbolic link of " + size + " bytes (at most 59 fit)");
      }
      target = n.inode.iblock().bytes(0, (int) size);
    } else {
      target = new byte[(int) size];
      ByteBuffer b = ByteBuffer.wrap(target);
      while (b.hasRemaining()) {
        if (read(n, b.position(), b) <= 0) {
          throw new CorruptDataException(who(n) + ": symbolic link target cut short");
        }
      }
    }
    return new String(target, StandardCharsets.UTF_8);
  }

  /**
   * The kernel's ext4_inode_is_fast_symlink: the target is in i_block when the inode owns no
   * blocks other than an xattr block (whose size i_blocks counts in 512-byte sectors, or in
   * filesystem blocks with huge_file's per-inode flag).
   */
  private boolean isFastSymlink(Inode i) {
    long ea = 0;
    if (i.fileAcl() != 0) {
      ea = i.hasFlag(Inode.FL_HUGE_FILE) ? sb.clusterSize() / sb.blockSize()
          : sb.clusterSize() / SECTOR;
    }
    return i.blocks() - ea == 0;
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    ExtNode n = cast(file);
    refuseEncrypted(n);
    if (n.inode.hasFlag(Inode.FL_INLINE_DATA)) {
      byte[] b = inline(n);
      if (pos >= b.length) {
        return dst.hasRemaining() ? -1 : 0;
      }
      int len = (int) Math.min(dst.remaining(), b.length - pos);
      dst.put(b, (int) pos, len);
      return len;
    }
    return RunReader.read(dev, who(n), n.size(), mapOf(n), pos, dst);
  }

  @Override
  public List<Run> layout(Node file) throws IOException {
    ExtNode n = cast(file);
    if (n.kind() != Node.Kind.FILE || n.inode.hasFlag(Inode.FL_INLINE_DATA)) {
      return null;
    }
    refuseEncrypted(n);
    return RunMap.cover(mapOf(n), n.size(), who(n), bounds.limits());
  }

  private byte[] inline(ExtNode n) throws IOException {
    byte[] b = n.cachedInline();
    if (b == null) {
      b = InlineData.content(n.inode, who(n));
      n.cacheInline(b);
    }
    return b;
  }

  RunMap mapOf(ExtNode n) throws IOException {
    RunMap m = n.cachedMap();
    if (m == null) {
      m = n.inode.hasFlag(Inode.FL_EXTENTS)
          ? ExtentMap.read(dev, sb, n.inode, who(n), bounds.limits())
          : new BlockMap(dev, sb, n.inode, who(n));
      n.cacheMap(m);
    }
    return m;
  }
}
