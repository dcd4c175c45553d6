package org.jgrub.fs.xfs;

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
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Uuids;

/**
 * A read-only XFS filesystem (v4 and v5): inodes by number, directories in every form, files
 * through {@link RunReader} over the data fork's extents, local and remote symlinks.
 */
final class XfsFs implements GuestFs {
  /** XFS_SYMLINK_MAXLEN. */
  static final int SYMLINK_MAX = 1024;
  static final long MAGIC_SYMLINK = 0x58534c4dL; // "XSLM"
  static final int SYMLINK_HDR = 56; // magic, offset, bytes, crc, uuid, owner, blkno, lsn
  static final int SYMLINK_OFF_BYTES = 8;
  static final int SYMLINK_OFF_CRC = 12;
  static final int SYMLINK_OFF_OWNER = 32;

  private final BlockDevice dev;
  private final XfsSuperblock sb;
  private final DirNames dirNames = new DirNames();

  private final Bounds bounds;

  XfsFs(BlockDevice dev, XfsSuperblock sb, Bounds bounds) {
    this.dev = dev;
    this.bounds = bounds;
    this.sb = sb;
  }

  XfsSuperblock superblock() {
    return sb;
  }

  BlockDevice device() {
    return dev;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return "xfs";
  }

  @Override
  public Optional<String> uuid() {
    return Optional.of(Uuids.format(sb.uuid()));
  }

  /** sb_dblocks and sb_fdblocks (lazy-count filesystems update the latter at unmount). */
  @Override
  public FsSpace space() throws IOException {
    ByteView v = ByteView.read(dev, XfsSuperblock.OFF_FDBLOCKS, 8, "xfs superblock sb_fdblocks");
    if (sb.dataBlocks() < 0 || sb.dataBlocks() > Long.MAX_VALUE / sb.blockSize()) {
      throw v.corrupt("sb_dblocks " + Long.toUnsignedString(sb.dataBlocks()) + " of "
          + sb.blockSize() + " bytes overflows a 64-bit size");
    }
    long size = sb.dataBlocks() * sb.blockSize();
    long fdblocks = v.u64be(0);
    long free = (fdblocks < 0 || fdblocks > sb.dataBlocks() ? sb.dataBlocks() : fdblocks)
        * sb.blockSize();
    return new FsSpace(size, free);
  }

  @Override
  public Optional<String> label() {
    return sb.label().isEmpty() ? Optional.empty() : Optional.of(sb.label());
  }

  @Override
  public Node root() throws IOException {
    XfsInode r = XfsInode.read(dev, sb, sb.rootIno());
    if (r.kind() != Node.Kind.DIRECTORY) {
      throw r.corrupt("the root inode " + sb.rootIno() + " is not a directory");
    }
    return r;
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    XfsInode d = (XfsInode) dir;
    if (d.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException("xfs: inode " + d.ino + " is not a directory");
    }
    List<DirEntry> out = switch (d.format) {
      case XfsInode.FMT_LOCAL -> XfsDir.shortForm(d, sb);
      case XfsInode.FMT_EXTENTS, XfsInode.FMT_BTREE -> XfsDir.blocks(dev, sb, d, extents(d), bounds.limits());
      default -> throw d.corrupt("directory " + d.ino + " in data fork format " + d.format);
    };
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    return out;
  }

  /**
   * Looks a name up in the directory's names, kept per directory in a bounded cache: a loop of
   * lookups (hits or misses) in the directories of a path costs one scan of each, not one per
   * lookup. Keeping only the last directory, as before, rescanned a large directory on every
   * miss whenever the walk had passed through its parent in between.
   */
  @Override
  public synchronized Optional<DirEntry> lookup(Node dir, String name) throws IOException {
    XfsInode d = (XfsInode) dir;
    Map<String, DirEntry> m = dirNames.get(d.ino);
    if (m == null && dirNames.surelyAbsent(d.ino, name)) {
      return Optional.empty(); // a directory too large to cache, and no name with this hash
    }
    if (m == null) {
      List<DirEntry> all = list(d);
      m = new HashMap<>(all.size() * 2);
      for (DirEntry e : all) {
        m.putIfAbsent(e.name(), e);
      }
      dirNames.put(d.ino, m);
    }
    return Optional.ofNullable(m.get(name));
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    return XfsInode.read(dev, sb, ((XfsRef) entry.ref()).ino());
  }

  @Override
  public String readLink(Node link) throws IOException {
    XfsInode l = (XfsInode) link;
    if (l.kind() != Node.Kind.SYMLINK) {
      throw new CorruptDataException("xfs: inode " + l.ino + " is not a symbolic link");
    }
    if (l.size <= 0 || l.size > SYMLINK_MAX) {
      throw l.corrupt("symbolic link of " + l.size + " bytes");
    }
    int len = (int) l.size;
    if (l.format == XfsInode.FMT_LOCAL) {
      return l.dataFork.string(0, len, StandardCharsets.UTF_8);
    }
    if (l.format != XfsInode.FMT_EXTENTS && l.format != XfsInode.FMT_BTREE) {
      throw l.corrupt("symbolic link in data fork format " + l.format);
    }
    byte[] target = new byte[len];
    int done = 0;
    for (XfsExtent e : extents(l)) {
      if (done >= len) {
        break;
      }
      // A symlink takes at most a few blocks: anything longer is corrupt, not a reason to read.
      if (e.blocks() > 4) {
        throw l.corrupt("symbolic link extent of " + e.blocks() + " blocks");
      }
      int bytes = (int) e.blocks() << sb.blockLog();
      long at = sb.fsbToByte(e.fsBlock(), "symlink " + l.ino);
      sb.fsbToByte(e.fsBlock() + e.blocks() - 1, "symlink " + l.ino);
      dev.checkRange(at, bytes, "xfs symlink block");
      byte[] raw = dev.read(at, bytes);
      ByteView b = ByteView.of(raw, "xfs symlink " + l.ino + " block", at);
      int hdr = 0;
      int avail = bytes;
      if (sb.v5()) {
        // One header per extent (xfs_symlink_remote.c), covering the whole extent's CRC.
        if (b.u32be(0) != MAGIC_SYMLINK) {
          throw b.corrupt("bad magic 0x" + Long.toHexString(b.u32be(0)));
        }
        XfsCrc.verify(raw, bytes, SYMLINK_OFF_CRC, "symlink " + l.ino + " block", at);
        if (b.u64be(SYMLINK_OFF_OWNER) != l.ino) {
          throw b.corrupt("owned by inode " + b.u64be(SYMLINK_OFF_OWNER) + ", not " + l.ino);
        }
        hdr = SYMLINK_HDR;
        avail = (int) Math.min(b.u32be(SYMLINK_OFF_BYTES), bytes - SYMLINK_HDR);
      }
      int n = Math.min(avail, len - done);
      System.arraycopy(b.bytes(hdr, n), 0, target, done, n);
      done += n;
    }
    if (done < len) {
      throw l.corrupt("symbolic link blocks hold " + done + " of " + len + " bytes");
    }
    return new String(target, StandardCharsets.UTF_8);
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    XfsInode f = regular(file);
    return RunReader.read(dev, "xfs inode " + f.ino, f.size, runMap(f), pos, dst);
  }

  @Override
  public List<Run> layout(Node file) throws IOException {
    XfsInode f = regular(file);
    return RunMap.cover(runMap(f), f.size, "xfs inode " + f.ino, bounds.limits());
  }

  private XfsInode regular(Node file) throws IOException {
    XfsInode f = (XfsInode) file;
    if (f.kind() != Node.Kind.FILE) {
      throw new CorruptDataException("xfs: inode " + f.ino + " is not a regular file");
    }
    f.requireDataDevice();
    if (f.format != XfsInode.FMT_EXTENTS && f.format != XfsInode.FMT_BTREE) {
      throw f.corrupt("regular file in data fork format " + f.format);
    }
    return f;
  }

  private List<XfsExtent> extents(XfsInode n) throws IOException {
    if (n.extents == null) {
      n.extents =
          n.format == XfsInode.FMT_BTREE
              ? XfsBmap.btree(dev, sb, n.dataFork, n.ino, bounds.limits())
              : XfsBmap.inline(n.dataFork, n.nextents, n.ino, bounds.limits());
    }
    return n.extents;
  }

  private RunMap runMap(XfsInode f) throws IOException {
    return new XfsRunMap(sb, f.ino, extents(f));
  }

}
