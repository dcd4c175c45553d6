package org.jgrub.fs.zfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.Bounds;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * One ZPL dataset or snapshot of a pool as a {@link GuestFs}: the master node gives the root
 * directory and the system-attribute tables; directories are ZAPs of name to object number;
 * file attributes come from the legacy znode bonus or from system attributes (bonus and spill).
 */
public final class ZfsFs implements GuestFs {
  private static final long MASTER_NODE = 1;
  // znode_phys_t (zfs_znode.h): times are two 64-bit words, seconds then nanoseconds.
  private static final int ZNODE_ATIME = 0;
  private static final int ZNODE_MTIME = 16;
  private static final int ZNODE_CTIME = 32;
  private static final int ZNODE_LINKS = 96;
  private static final int ZNODE_UID = 128;
  private static final int ZNODE_GID = 136;
  private static final int ZNODE_MODE = 72;
  private static final int ZNODE_SIZE = 80;
  private static final int ZNODE_PHYS_SIZE = 264;
  private static final long DIRENT_OBJ_MASK = (1L << 48) - 1;
  private static final int MAX_LINK = 65536;
  private static final int DIR_CACHE = 64;

  private final ZfsPool pool;
  private final long dsObj;
  private final String name;
  private final ObjectSet os;
  private final long rootObj;
  private final SystemAttributes sa;
  private final Map<Long, List<DirEntry>> dirCache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<DirEntry>> e) {
          return size() > DIR_CACHE;
        }
      };

  ZfsFs(ZfsPool pool, long dsObj) throws IOException {
    this.pool = pool;
    this.dsObj = dsObj;
    this.name = Dsl.name(pool, dsObj);
    DslDataset ds = Dsl.dataset(pool, dsObj);
    if (ds.bp().usesCrypt()) {
      throw new UnsupportedFeatureException("ZFS: dataset '" + name + "' is encrypted; jgrub "
          + "does not decrypt (keep /boot on an unencrypted dataset)");
    }
    this.os = ObjectSet.open(pool, ds.bp(), "dataset '" + name + "'");
    if (os.type != ObjectSet.TYPE_ZFS) {
      throw new UnsupportedFeatureException("ZFS: dataset '" + name + "' is not a filesystem "
          + "(object set type " + os.type + ")");
    }
    Map<String, Zap.Value> master = Zap.read(os, MASTER_NODE, "ZPL master node of " + name);
    Zap.Value root = master.get("ROOT");
    if (root == null) {
      throw new CorruptDataException("ZFS: dataset '" + name + "': master node has no ROOT");
    }
    this.rootObj = root.first();
    Zap.Value saAttrs = master.get("SA_ATTRS");
    this.sa = saAttrs == null ? null : SystemAttributes.load(os, saAttrs.first());
  }

  ObjectSet objectSet() {
    return os;
  }

  public ZfsPool pool() {
    return pool;
  }

  /** The dataset's full name ("rpool/ROOT/debian", "rpool/ROOT/debian@install"). */
  public String dataset() {
    return name;
  }

  /** The same pool's dataset or snapshot {@code fullName} ("rpool/ROOT/debian@install"). */
  public ZfsFs withDataset(String fullName) throws IOException {
    return pool.open(fullName);
  }

  /**
   * The illumos boot argument for this dataset as pygrub's libfsimage produces it:
   * {@code zfs-bootfs=POOL/OBJNUM,bootpath='PHYS_PATH'} (OBJNUM: the dataset's object number in
   * the MOS; PHYS_PATH: the device's phys_path from its label, empty when there is none).
   */
  @Override
  public Optional<String> bootString() {
    return Optional.of(
        "zfs-bootfs=" + pool.name() + "/" + dsObj + ",bootpath='" + pool.physPath() + "'");
  }

  @Override
  public Located locate(String grubPath) throws IOException {
    // Test the '@' first: a path without one names this dataset.
    if (grubPath.indexOf('@') < 0) {
      return new Located(this, grubPath);
    }
    ZfsPaths.Located l = ZfsPaths.locate(this, grubPath);
    return new Located(l.fs(), l.path());
  }

  @Override
  public GuestFs dataset(String fullName) throws IOException {
    return withDataset(fullName);
  }

  @Override
  public Bounds bounds() {
    return pool.bounds();
  }

  @Override
  public String type() {
    return "zfs";
  }

  /** The pool guid in hex, as GRUB's zfs driver reports it. */
  @Override
  public Optional<String> uuid() {
    String hex = Long.toHexString(pool.guid());
    return Optional.of("0000000000000000".substring(hex.length()) + hex);
  }

  /** The pool name, as GRUB's zfs driver reports it. */
  @Override
  public Optional<String> label() {
    return Optional.of(pool.name());
  }

  @Override
  public Node root() throws IOException {
    return node(rootObj);
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    ZfsNode d = (ZfsNode) dir;
    if (d.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException("ZFS: object " + d.obj + " of " + name
          + " is not a directory");
    }
    synchronized (dirCache) {
      List<DirEntry> cached = dirCache.get(d.obj);
      if (cached != null) {
        return cached;
      }
    }
    Map<String, Zap.Value> zap = Zap.read(os, d.obj, name + " directory " + d.obj);
    Limits.check(zap.size(), pool.bounds().limits().dirEntries, "ZFS: " + name + " directory " + d.obj);
    List<DirEntry> out = new ArrayList<>(zap.size());
    for (Map.Entry<String, Zap.Value> e : zap.entrySet()) {
      out.add(new DirEntry(e.getKey(), new ZfsNode.Ref(e.getValue().first() & DIRENT_OBJ_MASK)));
    }
    List<DirEntry> result = List.copyOf(out);
    synchronized (dirCache) {
      dirCache.put(d.obj, result);
    }
    return result;
  }

  @Override
  public Optional<DirEntry> lookup(Node dir, String entryName) throws IOException {
    List<DirEntry> all = list(dir);
    pool.bounds().budget().charge(Budget.Kind.DIR_ENTRIES, all.size());
    for (DirEntry e : all) {
      if (e.name().equals(entryName)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    return node(((ZfsNode.Ref) entry.ref()).obj());
  }

  private static Instant znodeTime(ByteView v, int at, boolean be) throws CorruptDataException {
    return Attributes.time(v.u64(at, be), v.u64(at + 8, be));
  }

  /** A ZPL time attribute (16 bytes: seconds, nanoseconds), null when the node has none. */
  private static Instant saTime(SystemAttributes.Attrs a, String name) {
    byte[] b = a.values().get(name);
    if (b == null || b.length < 16) {
      return null;
    }
    return Attributes.time(
        Checksum.word64(b, 0, a.bigEndian()), Checksum.word64(b, 8, a.bigEndian()));
  }

  private static long orMinus(Long v) {
    return v == null ? -1 : v;
  }

  private ZfsNode node(long obj) throws IOException {
    Dnode dn = os.dnode(obj);
    String what = name + " object " + obj;
    if (dn.bonusType() == Dnode.OT_ZNODE) {
      ByteView v = dn.bonusView("ZFS znode of " + what);
      long mode = v.u64(ZNODE_MODE, dn.bigEndian());
      long size = v.u64(ZNODE_SIZE, dn.bigEndian());
      byte[] target = null;
      if (size >= 0 && size <= dn.bonus().length - ZNODE_PHYS_SIZE) {
        target = v.bytes(ZNODE_PHYS_SIZE, (int) size);
      }
      boolean be = dn.bigEndian();
      Attributes at = Attributes.posix((int) mode, v.u64(ZNODE_UID, be), v.u64(ZNODE_GID, be),
          v.u64(ZNODE_LINKS, be), znodeTime(v, ZNODE_MTIME, be), znodeTime(v, ZNODE_ATIME, be),
          znodeTime(v, ZNODE_CTIME, be));
      return new ZfsNode(obj, dn, mode, size, target, at);
    }
    if (dn.bonusType() == Dnode.OT_SA) {
      if (sa == null) {
        throw new CorruptDataException("ZFS: " + what + " uses system attributes but the "
            + "dataset has no SA tables");
      }
      Map<String, byte[]> attrs = new HashMap<>();
      boolean be = sa.decode(dn.bonus(), what, attrs);
      if ((!attrs.containsKey("ZPL_MODE") || !attrs.containsKey("ZPL_SIZE")
          || !attrs.containsKey("ZPL_SYMLINK")) && dn.spill() != null && !dn.spill().isHole()) {
        ZfsPool.Block sp = pool.readBlock(dn.spill(), what + " spill block");
        sa.decode(sp.data(), what + " spill block", attrs);
      }
      SystemAttributes.Attrs a = new SystemAttributes.Attrs(attrs, be);
      Long mode = a.u64("ZPL_MODE");
      Long size = a.u64("ZPL_SIZE");
      if (mode == null || size == null) {
        throw new CorruptDataException("ZFS: " + what + " has no ZPL_MODE or ZPL_SIZE");
      }
      Attributes at = Attributes.posix(mode.intValue(), orMinus(a.u64("ZPL_UID")),
          orMinus(a.u64("ZPL_GID")), orMinus(a.u64("ZPL_LINKS")), saTime(a, "ZPL_MTIME"),
          saTime(a, "ZPL_ATIME"), saTime(a, "ZPL_CTIME"));
      return new ZfsNode(obj, dn, mode, size, attrs.get("ZPL_SYMLINK"), at);
    }
    throw new CorruptDataException("ZFS: " + what + " has bonus type " + dn.bonusType()
        + ", not a znode");
  }

  @Override
  public String readLink(Node link) throws IOException {
    ZfsNode n = (ZfsNode) link;
    if (n.kind() != Node.Kind.SYMLINK) {
      throw new CorruptDataException("ZFS: object " + n.obj + " is not a symbolic link");
    }
    if (n.size() < 0 || n.size() > MAX_LINK) {
      throw new CorruptDataException("ZFS: symlink object " + n.obj + " claims " + n.size()
          + " bytes");
    }
    byte[] target = n.inlineTarget;
    if (target == null) {
      target = new byte[(int) n.size()];
      read(n, 0, ByteBuffer.wrap(target));
    }
    int len = (int) Math.min(target.length, n.size());
    return new String(target, 0, len, StandardCharsets.UTF_8);
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    ZfsNode n = (ZfsNode) file;
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    long size = n.size();
    if (pos >= size) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int blksz = n.dnode.dataBlkSize();
    if (blksz <= 0) {
      throw new CorruptDataException("ZFS: object " + n.obj + " has block size 0");
    }
    int want = (int) Math.min(dst.remaining(), size - pos);
    int done = 0;
    while (done < want) {
      long at = pos + done;
      long blkid = at / blksz;
      int inBlock = (int) (at % blksz);
      int len = Math.min(want - done, blksz - inBlock);
      ZfsPool.Block b = pool.readObjectBlock(n.dnode, blkid, name + " object " + n.obj);
      byte[] data = b == null ? null : b.data();
      int have = data == null ? 0 : Math.max(0, Math.min(len, data.length - inBlock));
      if (have > 0) {
        dst.put(data, inBlock, have);
      }
      for (int i = have; i < len; i++) {
        dst.put((byte) 0); // a hole, or the tail of a short (embedded) last block
      }
      done += len;
    }
    return done;
  }
}
