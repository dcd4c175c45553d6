package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.NotFoundException;

/**
 * Names and the DSL tree: from "ROOT/debian@install" to a dataset object (root_dataset in the MOS
 * object directory, each directory's child ZAP, the head dataset's snapshot-name ZAP) and back.
 */
final class Dsl {
  private Dsl() {}

  private static final int MAX_DEPTH = 64;

  static DslDir dir(ZfsPool pool, long obj) throws IOException {
    return DslDir.of(pool.mos().dnode(obj, Dnode.OT_DSL_DIR, "DSL directory"));
  }

  static DslDataset dataset(ZfsPool pool, long obj) throws IOException {
    return DslDataset.of(pool.mos().dnode(obj, Dnode.OT_DSL_DATASET, "DSL dataset"));
  }

  static long rootDir(ZfsPool pool) throws IOException {
    Long root = Zap.lookup(pool.mos(), 1, "root_dataset", "MOS object directory");
    if (root == null) {
      throw new CorruptDataException("ZFS pool '" + pool.name() + "': no root_dataset");
    }
    return root;
  }

  /** The dataset object of {@code rel}: "" is the pool's root, "a/b", "a/b@snap". */
  static long find(ZfsPool pool, String rel) throws IOException {
    int at = rel.indexOf('@');
    String fs = at < 0 ? rel : rel.substring(0, at);
    DslDir d = dir(pool, rootDir(pool));
    int depth = 0;
    for (String part : fs.split("/", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      if (++depth > MAX_DEPTH) {
        throw new NotFoundException("ZFS: dataset name '" + rel + "' is too deep");
      }
      Long child = d.childDirZap() == 0 ? null
          : Zap.lookup(pool.mos(), d.childDirZap(), part, "child datasets");
      if (child == null) {
        throw new NotFoundException("ZFS pool '" + pool.name() + "' has no dataset '"
            + pool.name() + "/" + fs + "'");
      }
      d = dir(pool, child);
    }
    long head = d.headDataset();
    if (at < 0) {
      return head;
    }
    String snap = rel.substring(at + 1);
    DslDataset ds = dataset(pool, head);
    Long s = ds.snapnamesZap() == 0 ? null
        : Zap.lookup(pool.mos(), ds.snapnamesZap(), snap, "snapshot names");
    if (s == null) {
      throw new NotFoundException("ZFS pool '" + pool.name() + "' has no snapshot '"
          + pool.name() + (fs.isEmpty() ? "" : "/" + fs) + "@" + snap + "'");
    }
    return s;
  }

  /** The full name of dataset object {@code dsObj}. */
  static String name(ZfsPool pool, long dsObj) throws IOException {
    DslDataset ds = dataset(pool, dsObj);
    DslDir d = dir(pool, ds.dirObj());
    String snap = "";
    if (d.headDataset() != dsObj) {
      DslDataset head = dataset(pool, d.headDataset());
      snap = "@" + reverse(pool, head.snapnamesZap(), dsObj);
    }
    StringBuilder path = new StringBuilder();
    for (int depth = 0; d.parent() != 0; depth++) {
      if (depth > MAX_DEPTH) {
        throw new CorruptDataException("ZFS: DSL directory parents loop at " + d.obj());
      }
      DslDir parent = dir(pool, d.parent());
      path.insert(0, "/" + reverse(pool, parent.childDirZap(), d.obj()));
      d = parent;
    }
    return pool.name() + path + snap;
  }

  private static String reverse(ZfsPool pool, long zap, long value) throws IOException {
    if (zap != 0) {
      for (Map.Entry<String, Zap.Value> e : Zap.read(pool.mos(), zap, "DSL names").entrySet()) {
        if (e.getValue().first() == value) {
          return e.getKey();
        }
      }
    }
    throw new CorruptDataException("ZFS: DSL object " + value + " is not named by its parent");
  }

  static void listAll(ZfsPool pool, List<String> out) throws IOException {
    walk(pool, rootDir(pool), pool.name(), out, 0);
  }

  private static void walk(ZfsPool pool, long dirObj, String name, List<String> out, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new CorruptDataException("ZFS: DSL directory tree deeper than " + MAX_DEPTH);
    }
    DslDir d = dir(pool, dirObj);
    if (d.headDataset() != 0) {
      out.add(name);
      DslDataset head = dataset(pool, d.headDataset());
      if (head.snapnamesZap() != 0) {
        for (String s : Zap.read(pool.mos(), head.snapnamesZap(), "snapshots").keySet()) {
          out.add(name + "@" + s);
        }
      }
    }
    if (d.childDirZap() != 0) {
      for (Map.Entry<String, Zap.Value> e :
          Zap.read(pool.mos(), d.childDirZap(), "child datasets").entrySet()) {
        // Hidden directories ($MOS, $FREE, $ORIGIN) are not datasets anyone boots from.
        if (!e.getKey().startsWith("$")) {
          walk(pool, e.getValue().first(), name + "/" + e.getKey(), out, depth + 1);
        }
      }
    }
  }
}
