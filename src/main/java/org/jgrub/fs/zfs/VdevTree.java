package org.jgrub.fs.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;

/**
 * Builds readable {@link Vdev}s from the {@code vdev_tree} nvlist of a label, binding each leaf to
 * the given device with the same guid (or to nothing, when that device was not given).
 */
final class VdevTree {
  private VdevTree() {}

  private static final int MAX_DEPTH = 8;

  static Vdev build(NvList nv, Map<Long, BlockDevice> byGuid) throws CorruptDataException {
    return build(nv, byGuid, 0, 9);
  }

  private static Vdev build(NvList nv, Map<Long, BlockDevice> byGuid, int depth, long ashift)
      throws CorruptDataException {
    if (depth > MAX_DEPTH) {
      throw new CorruptDataException("ZFS: vdev tree nested deeper than " + MAX_DEPTH);
    }
    String type = nv.string("type");
    long guid = nv.number("guid", 0);
    long shift = nv.number("ashift", ashift);
    if (type == null) {
      throw new CorruptDataException("ZFS: vdev " + guid + " in the label has no type");
    }
    switch (type) {
      case "disk", "file": {
        String path = nv.string("path");
        return new LeafVdev(byGuid.get(guid), type + " " + (path == null ? guid : path));
      }
      case "mirror", "replacing", "spare": {
        return new MirrorVdev(children(nv, byGuid, depth, shift), type + "-" + nv.number("id", 0));
      }
      case "raidz": {
        long nparity = nv.number("nparity", 1); // pools before version 3 had raidz1 only
        return new RaidzVdev(children(nv, byGuid, depth, shift), (int) nparity, (int) shift);
      }
      case "missing", "hole":
        return new MissingVdev("top-level vdev " + nv.number("id", -1) + " is " + type, false);
      default:
        return new MissingVdev("vdev type '" + type + "' is not supported", true);
    }
  }

  private static List<Vdev> children(NvList nv, Map<Long, BlockDevice> byGuid, int depth,
      long ashift) throws CorruptDataException {
    List<NvList> kids = nv.lists("children");
    if (kids.isEmpty()) {
      throw new CorruptDataException("ZFS: " + nv.string("type") + " vdev without children");
    }
    List<Vdev> out = new ArrayList<>();
    for (NvList k : kids) {
      out.add(build(k, byGuid, depth + 1, ashift));
    }
    return out;
  }

  /** Adds the guid of every leaf under {@code nv} to {@code out}. */
  static void leafGuids(NvList nv, List<Long> out, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    List<NvList> kids = nv.lists("children");
    if (kids.isEmpty()) {
      out.add(nv.number("guid", 0));
    }
    for (NvList k : kids) {
      leafGuids(k, out, depth + 1);
    }
  }
}
