package org.jgrub.fs.ufs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.fs.DirEntry;
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
import org.jgrub.io.Limits;

/**
 * A read-only UFS1/UFS2 volume (FreeBSD, NetBSD, OpenBSD, Solaris), either byte order. Reads are
 * synchronized: the cylinder-group cache and the last file's indirect-block cache are shared.
 */
final class UfsFs implements GuestFs {
  static final long ROOT_INO = 2;
  /** Longest symlink target read (Linux's PATH_MAX is 4096; BSD's MAXPATHLEN is 1024). */
  static final int MAX_LINK = 4096;
  /** Bytes of a directory parsed at a time: a whole number of DIRBLKSIZ chunks. */
  static final int DIR_PIECE = 128 * UfsDirectory.DIRBLKSIZ;

  private final BlockDevice dev;
  private final UfsSuperblock sb;
  /** "volume: UFS ", the start of every message. */
  private final String vol;
  private final Map<Long, UfsCylinderGroup> groups = new HashMap<>();
  private UfsInode mappedInode;
  private UfsBlockMap mapped;

  private final Bounds bounds;

  UfsFs(BlockDevice dev, UfsSuperblock sb, Bounds bounds) {
    this.dev = dev;
    this.bounds = bounds;
    this.sb = sb;
    this.vol = dev.describe() + ": UFS ";
  }

  UfsSuperblock superblock() {
    return sb;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return sb.ufs2() ? "ufs2" : "ufs1";
  }

  @Override
  public Optional<String> uuid() {
    return sb.id().isEmpty() ? Optional.empty() : Optional.of(sb.id());
  }

  @Override
  public Optional<String> label() {
    return sb.volname().isEmpty() ? Optional.empty() : Optional.of(sb.volname());
  }

  @Override
  public Node root() throws IOException {
    UfsInode r = inode(ROOT_INO);
    if (r.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(dev.describe() + ": UFS root " + r.where()
          + " is not a directory (mode 0" + Integer.toOctalString(r.mode()) + ")");
    }
    return r;
  }

  /** Reads inode {@code ino} after checking its number and its cylinder group. */
  synchronized UfsInode inode(long ino) throws IOException {
    long total = sb.ipg() * sb.ncg();
    if (ino < ROOT_INO || ino >= total) {
      throw new CorruptDataException(dev.describe() + ": UFS inode number " + ino
          + " outside [2, " + total + ")");
    }
    long c = ino / sb.ipg();
    long inGroup = ino % sb.ipg();
    UfsCylinderGroup g = groups.get(c);
    if (g == null) {
      g = UfsCylinderGroup.read(dev, sb, c);
      groups.put(c, g);
    }
    if (inGroup >= g.initedInodes()) {
      throw new CorruptDataException(dev.describe() + ": UFS inode " + ino + " lies beyond the "
          + g.initedInodes() + " initialised inodes of cylinder group " + c);
    }
    long frag = Math.addExact(Math.addExact(sb.cgStart(c), sb.iblkno()),
        inGroup / sb.inopb() * sb.frag());
    long off = Math.addExact(Math.multiplyExact(frag, (long) sb.fsize()),
        inGroup % sb.inopb() * sb.inodeSize());
    String what = vol + "inode " + ino;
    dev.checkRange(off, sb.inodeSize(), what);
    return UfsInode.parse(ByteView.read(dev, off, sb.inodeSize(), what), ino, sb);
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    UfsInode d = (UfsInode) dir;
    if (d.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(vol + d.where() + " is not a directory");
    }
    String what = vol + "directory " + d.where();
    Limits.check(d.size(), bounds.limits().metadataBytes, what + " size");
    // Read in pieces of whole DIRBLKSIZ chunks: no allocation sized by the (untrusted) size.
    List<DirEntry> out = new ArrayList<>();
    byte[] piece = new byte[DIR_PIECE];
    for (long pos = 0; pos < d.size(); pos += DIR_PIECE) {
      int n = (int) Math.min(DIR_PIECE, d.size() - pos);
      ByteBuffer buf = ByteBuffer.wrap(piece, 0, n);
      while (buf.hasRemaining()) {
        if (read(d, pos + buf.position(), buf) < 0) {
          throw new CorruptDataException(what + ": ended early");
        }
      }
      UfsDirectory.parse(ByteView.of(n == DIR_PIECE ? piece : Arrays.copyOf(piece, n),
          what + " at offset " + pos), sb, out, bounds.limits().dirEntries);
    }
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    return out;
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    return inode(((UfsRef) entry.ref()).ino());
  }

  @Override
  public String readLink(Node link) throws IOException {
    UfsInode l = (UfsInode) link;
    if (l.kind() != Node.Kind.SYMLINK) {
      throw new CorruptDataException(vol + l.where() + " is not a symbolic link");
    }
    Limits.check(l.size(), MAX_LINK, vol + "symlink " + l.where() + " length");
    int n = (int) l.size();
    byte[] target;
    if (l.fastSymlink(sb)) {
      if (n > l.shortLink().length) {
        throw new CorruptDataException(vol + "fast symlink " + l.where() + " of " + n + " bytes");
      }
      target = Arrays.copyOf(l.shortLink(), n);
    } else {
      target = readAll(l, n);
    }
    return new String(target, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized int read(Node file, long pos, ByteBuffer dst) throws IOException {
    UfsInode f = (UfsInode) file;
    return RunReader.read(dev, vol + f.where(), f.size(), map(f), pos, dst);
  }

  @Override
  public synchronized List<Run> layout(Node file) throws IOException {
    UfsInode f = (UfsInode) file;
    return RunMap.cover(map(f), f.size(), vol + f.where(), bounds.limits());
  }

  private UfsBlockMap map(UfsInode f) throws CorruptDataException {
    if (mappedInode != f) {
      mapped = new UfsBlockMap(dev, sb, f, bounds.limits());
      mappedInode = f;
    }
    return mapped;
  }

  private byte[] readAll(UfsInode f, int n) throws IOException {
    byte[] data = new byte[n];
    ByteBuffer buf = ByteBuffer.wrap(data);
    while (buf.hasRemaining()) {
      if (read(f, buf.position(), buf) < 0) {
        throw new CorruptDataException(vol + f.where() + ": ended early");
      }
    }
    return data;
  }
}
