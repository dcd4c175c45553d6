package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * A read-only ReiserFS 3.5/3.6 volume. Objects are found by key in the S+tree: stat data at
 * offset 0, directory entries and file bytes after it. The root directory's hidden
 * {@code .reiserfs_priv} (xattrs and ACLs) is not listed, as Linux hides it.
 */
final class ReiserFs implements GuestFs {
  static final long ROOT_PARENT_ID = 1;
  static final long ROOT_OBJECT_ID = 2;
  static final String PRIV_ROOT = ".reiserfs_priv";
  static final int MAX_LINK = 4096;

  private final BlockDevice dev;
  private final ReiserSuperblock sb;
  private final ReiserTree tree;
  private final ReiserJournal.Replay replay;
  /** "volume: ReiserFS ", the start of every message. */
  private final String vol;

  private final Bounds bounds;

  ReiserFs(BlockDevice dev, ReiserSuperblock sb, ReiserJournal.Replay replay, Bounds bounds) {
    this.dev = dev;
    this.sb = sb;
    this.bounds = bounds;
    this.tree = new ReiserTree(dev, sb, bounds.limits());
    this.replay = replay;
    this.vol = dev.describe() + ": ReiserFS ";
  }

  /** The committed transactions applied in memory at open (none on a clean volume). */
  ReiserJournal.Replay replay() {
    return replay;
  }

  ReiserSuperblock superblock() {
    return sb;
  }

  ReiserTree tree() {
    return tree;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return "reiserfs";
  }

  @Override
  public Optional<String> uuid() {
    return sb.uuid().isEmpty() ? Optional.empty() : Optional.of(sb.uuid());
  }

  @Override
  public Optional<String> label() {
    return sb.label().isEmpty() ? Optional.empty() : Optional.of(sb.label());
  }

  @Override
  public Node root() throws IOException {
    ReiserNode r = object(ROOT_PARENT_ID, ROOT_OBJECT_ID);
    if (r.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(dev.describe() + ": ReiserFS root " + r.where()
          + " is not a directory");
    }
    return r;
  }

  private ReiserNode object(long dirId, long objectId) throws IOException {
    ReiserTree.Item sd = tree.find(new ReiserKey(dirId, objectId, 0, ReiserKey.SD));
    if (sd == null) {
      throw new CorruptDataException(dev.describe() + ": ReiserFS object [" + dirId + " "
          + objectId + "] has no stat data (a directory entry points nowhere)");
    }
    return new ReiserNode(dirId, objectId,
        ReiserStatData.parse(sd.body(), sd.header().format()));
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    ReiserNode d = (ReiserNode) dir;
    List<DirEntry> out = entries(d);
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    if (isRoot(d)) {
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).name().equals(PRIV_ROOT)) {
          out.remove(i);
          break;
        }
      }
    }
    return out;
  }

  /** Every visible entry of {@code d} but "." and "..", hidden ones included. */
  List<DirEntry> entries(ReiserNode d) throws IOException {
    if (d.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(vol + d.where() + " is not a directory");
    }
    List<DirEntry> out = new ArrayList<>();
    String what = vol + "directory " + d.where();
    for (ReiserTree.Item it : tree.items(new ReiserKey(d.dirId, d.objectId, 0, ReiserKey.SD),
        bounds.limits().dirEntries, what)) {
      if (it.header().key().type() == ReiserKey.DIRENTRY) {
        ReiserDirectory.parse(it.body(), it.header().entryCount(), out, bounds.limits().dirEntries);
      }
    }
    return out;
  }

  /**
   * Finds {@code name} by its r5 hash: only the directory items around the hash are read. Other
   * hashes (tea, rupasov) fall back to scanning the listing.
   */
  @Override
  public Optional<DirEntry> lookup(Node dir, String name) throws IOException {
    ReiserNode d = (ReiserNode) dir;
    long h = ReiserHash.offsetOf(name);
    if (!ReiserHash.supported(sb.hashFunction()) || h < 0 || d.kind() != Node.Kind.DIRECTORY) {
      return GuestFs.super.lookup(dir, name);
    }
    if (isRoot(d) && name.equals(PRIV_ROOT)) {
      return Optional.empty();
    }
    long last = h + ReiserHash.GENERATION_MASK;
    List<ReiserTree.Item> items = tree.items(
        new ReiserKey(d.dirId, d.objectId, h, ReiserKey.DIRENTRY),
        new ReiserKey(d.dirId, d.objectId, last, ReiserKey.DIRENTRY), true,
        bounds.limits().dirEntries, vol + "directory " + d.where());
    List<DirEntry> found = new ArrayList<>();
    for (ReiserTree.Item it : items) {
      if (it.header().key().type() == ReiserKey.DIRENTRY) {
        found.clear();
        ReiserDirectory.parse(it.body(), it.header().entryCount(), found, bounds.limits().dirEntries);
        for (DirEntry e : found) {
          long off = ((ReiserRef) e.ref()).entryOffset();
          if (off >= h && off <= last && e.name().equals(name)) {
            return Optional.of(e);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isRoot(ReiserNode d) {
    return d.dirId == ROOT_PARENT_ID && d.objectId == ROOT_OBJECT_ID;
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    ReiserRef r = (ReiserRef) entry.ref();
    return object(r.dirId(), r.objectId());
  }

  @Override
  public String readLink(Node link) throws IOException {
    ReiserNode l = (ReiserNode) link;
    if (l.kind() != Node.Kind.SYMLINK) {
      throw new CorruptDataException(vol + l.where() + " is not a symbolic link");
    }
    Limits.check(l.size(), MAX_LINK, vol + "symlink " + l.where() + " length");
    byte[] b = new byte[(int) l.size()];
    ByteBuffer buf = ByteBuffer.wrap(b);
    while (buf.hasRemaining()) {
      if (read(l, buf.position(), buf) < 0) {
        throw new CorruptDataException(vol + "symlink " + l.where() + " ended early");
      }
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    ReiserNode f = (ReiserNode) file;
    return RunReader.read(dev, vol + f.where(), f.size(), map(f), pos, dst);
  }

  @Override
  public List<Run> layout(Node file) throws IOException {
    if (!replay.empty()) {
      // Runs would name home blocks whose current bytes are stale; callers use read().
      return null;
    }
    ReiserNode f = (ReiserNode) file;
    return RunMap.cover(map(f), f.size(), vol + f.where(), bounds.limits());
  }

  private synchronized ReiserFileMap map(ReiserNode f) throws IOException {
    if (f.map == null) {
      List<ReiserTree.Item> items = tree.items(
          new ReiserKey(f.dirId, f.objectId, 1, ReiserKey.SD), bounds.limits().extentsPerFile,
          vol + f.where() + " items");
      f.map = ReiserFileMap.build(items, f, sb, bounds.limits());
    }
    return f.map;
  }
}
