package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.io.UsageException;

/**
 * A ZFS storage pool assembled from one or more vdev devices: the labels give the configuration
 * and the newest uberblock, the uberblock the MOS, the MOS the dataset tree. Entry point for
 * multi-disk pools is {@link #open(List)}; {@link ZfsDriver} opens a pool from one device.
 */
public final class ZfsPool {
  /** A decompressed block and the byte order its contents were written in. */
  record Block(byte[] data, boolean bigEndian) {}

  private static final long SPA_VERSION_FEATURES = 5000;
  private static final long SPA_VERSION_MAX_LEGACY = 28;
  private static final long POOL_STATE_SPARE = 3;
  private static final long POOL_STATE_L2CACHE = 4;
  private static final long MOS_OBJECT_DIRECTORY = 1;

  private final String name;
  private final long version;
  private final NvList config;
  private final BlockDevice firstDevice;
  private final BlockReader reader;
  private final Uberblock uberblock;
  private final Bounds bounds;
  private ObjectSet mos;
  private Map<String, Zap.Value> objectDirectory;

  /** What every read of this pool keeps to. */
  public Bounds bounds() {
    return bounds;
  }

  private ZfsPool(String name, long version, NvList config, BlockDevice first,
      BlockReader reader, Uberblock ub, Bounds bounds) {
    this.name = name;
    this.bounds = bounds;
    this.version = version;
    this.config = config;
    this.firstDevice = first;
    this.reader = reader;
    this.uberblock = ub;
  }

  /**
   * Opens the pool whose vdevs are {@code vdevs} (in any order; devices of a mirror or raidz that
   * are not given count as missing). All devices must belong to the same pool.
   */
  public static ZfsPool open(List<BlockDevice> vdevs, Bounds bounds) throws IOException {
    if (vdevs.isEmpty()) {
      throw new UsageException("ZFS: no vdev devices given");
    }
    Map<Long, BlockDevice> byGuid = new HashMap<>();
    Map<Long, NvList> tops = new TreeMap<>();
    NvList config = null;
    Uberblock best = null;
    long poolGuid = 0;
    for (BlockDevice dev : vdevs) {
      VdevLabel label = VdevLabel.read(dev);
      NvList c = label.config;
      long state = c.number("state", 0);
      if (state == POOL_STATE_SPARE || state == POOL_STATE_L2CACHE || !c.has("pool_guid")) {
        throw new UnsupportedFeatureException("ZFS: " + dev.describe()
            + " is a hot spare or cache device, not a pool member holding data");
      }
      long pg = c.number("pool_guid", 0);
      if (config == null) {
        poolGuid = pg;
      } else if (pg != poolGuid) {
        throw new UsageException("ZFS: " + dev.describe() + " belongs to pool '"
            + c.string("name") + "' (guid " + pg + "), not '" + config.string("name") + "'");
      }
      if (config == null || c.number("txg", 0) > config.number("txg", 0)) {
        config = c;
      }
      byGuid.put(c.number("guid", 0), dev);
      NvList tree = c.list("vdev_tree");
      if (tree == null) {
        throw new CorruptDataException("ZFS: " + dev.describe() + ": label has no vdev_tree");
      }
      tops.putIfAbsent(tree.number("id", 0), tree);
      if (label.best != null && label.best.newerThan(best)) {
        best = label.best;
      }
    }
    String name = config.string("name");
    long version = config.number("version", 0);
    checkVersion(name, version);
    if (best == null) {
      throw new CorruptDataException("ZFS pool '" + name + "': no uberblock with a valid "
          + "checksum in any label");
    }
    checkVersion(name, best.version());
    Map<Long, Vdev> top = new HashMap<>();
    for (Map.Entry<Long, NvList> e : tops.entrySet()) {
      top.put(e.getKey(), VdevTree.build(e.getValue(), byGuid));
    }
    long children = config.number("vdev_children", tops.size());
    for (long id = 0; id < children && id < 1024; id++) {
      if (!top.containsKey(id)) {
        top.put(id, new MissingVdev("top-level vdev " + id + " of pool '" + name
            + "' was not given (pass every device of the pool)", false));
      }
    }
    ZfsPool pool = new ZfsPool(name, version, config, vdevs.get(0), new BlockReader(top, bounds), best,
        bounds);
    pool.openMos();
    return pool;
  }

  private static void checkVersion(String name, long version) throws UnsupportedFeatureException {
    if (version != SPA_VERSION_FEATURES && (version < 1 || version > SPA_VERSION_MAX_LEGACY)) {
      throw new UnsupportedFeatureException("ZFS pool '" + name + "' has version " + version
          + "; jgrub reads versions 1-28 and 5000 (feature flags)");
    }
  }

  private void openMos() throws IOException {
    mos = ObjectSet.open(this, uberblock.rootBp(), "pool '" + name + "' MOS");
    objectDirectory = Zap.read(mos, MOS_OBJECT_DIRECTORY, "MOS object directory");
    if (version >= SPA_VERSION_FEATURES) {
      Zap.Value fr = objectDirectory.get("features_for_read");
      if (fr == null) {
        throw new CorruptDataException("ZFS pool '" + name + "': no features_for_read object");
      }
      Features.check(name, Zap.read(mos, fr.first(), "features_for_read"));
    }
  }

  public String name() {
    return name;
  }

  /** The pool version: 1-28, or 5000 for pools with feature flags. */
  public long version() {
    return version;
  }

  /** The transaction group of the uberblock in use. */
  public long txg() {
    return uberblock.txg();
  }

  public long guid() {
    return config.number("pool_guid", 0);
  }

  Block readBlock(BlockPtr bp, String what) throws IOException {
    return reader.read(bp, what);
  }

  Block readObjectBlock(Dnode dn, long blkid, String what) throws IOException {
    return reader.readObjectBlock(dn, blkid, what);
  }

  ObjectSet mos() {
    return mos;
  }

  Uberblock uberblock() {
    return uberblock;
  }

  /** The object number of the dataset the pool's {@code bootfs} property names, or 0. */
  long bootfsObject() throws IOException {
    Zap.Value props = objectDirectory.get("pool_props");
    if (props == null) {
      return 0;
    }
    Long ds = Zap.lookup(mos, props.first(), "bootfs", "pool properties");
    return ds == null ? 0 : ds;
  }

  /** The full name of the {@code bootfs} dataset ("rpool/ROOT/debian"), or null when unset. */
  public String bootfs() throws IOException {
    long obj = bootfsObject();
    return obj == 0 ? null : Dsl.name(this, obj);
  }

  /** The full names of every filesystem and snapshot in the pool, sorted. */
  public List<String> datasets() throws IOException {
    List<String> out = new ArrayList<>();
    Dsl.listAll(this, out);
    out.sort(null);
    return out;
  }

  /** The filesystem on the {@code bootfs} dataset, or on the pool's root dataset if unset. */
  public ZfsFs open() throws IOException {
    long obj = bootfsObject();
    return obj == 0 ? open(name) : new ZfsFs(this, obj);
  }

  /** The filesystem on dataset or snapshot {@code fullName} ("rpool/ROOT/debian@install"). */
  public ZfsFs open(String fullName) throws IOException {
    String rel;
    if (fullName.equals(name)) {
      rel = "";
    } else if (fullName.startsWith(name + "/") || fullName.startsWith(name + "@")) {
      rel = fullName.substring(name.length() + (fullName.charAt(name.length()) == '/' ? 1 : 0));
    } else {
      throw new NotFoundException("ZFS: dataset '" + fullName + "' is not in pool '" + name
          + "'");
    }
    return new ZfsFs(this, Dsl.find(this, rel));
  }

  /** The physical path the label gives for the first device, or "" (Solaris phys_path). */
  String physPath() {
    String p = findPhysPath(config.list("vdev_tree"), config.number("guid", 0), 0);
    return p == null ? "" : p;
  }

  private static String findPhysPath(NvList nv, long guid, int depth) {
    if (nv == null || depth > 8) {
      return null;
    }
    if (nv.number("guid", -1) == guid) {
      return nv.string("phys_path");
    }
    for (NvList k : nv.lists("children")) {
      String p = findPhysPath(k, guid, depth + 1);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  String describeFirstDevice() {
    return firstDevice.describe();
  }
}
