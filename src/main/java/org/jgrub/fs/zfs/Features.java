package org.jgrub.fs.zfs;

import java.util.Map;
import java.util.Set;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The pool's features_for_read (ZAP in the MOS: feature guid to reference count). A pool with an
 * active read feature jgrub does not know is refused, naming the feature (zfeature_common.c).
 */
final class Features {
  private Features() {}

  /**
   * Read features jgrub handles, each with why: the block formats they introduce are read here,
   * or they change nothing a reader of file data sees.
   */
  private static final Set<String> SUPPORTED = Set.of(
      "com.delphix:hole_birth", // holes carry a birth txg: nothing to do for a reader
      "com.delphix:embedded_data", // data inside block pointers: BlockPtr
      "org.illumos:lz4_compress", // Compression
      "org.freebsd:zstd_compress", // Compression
      "org.open-zfs:large_blocks", // blocks above 128 KiB: bounded by Limits
      "org.zfsonlinux:large_dnode", // dnodes of several slots: Dnode
      "com.delphix:extensible_dataset", // ZAP attached to datasets: not needed to read
      "com.datto:encryption", // refused per encrypted dataset, others stay readable
      "com.delphix:bookmarks",
      "com.datto:bookmark_v2",
      "com.delphix:bookmark_written",
      "com.delphix:redaction_bookmarks",
      "org.zfsonlinux:project_quota", // one more system attribute
      "org.zfsonlinux:userobj_accounting",
      "com.delphix:async_destroy",
      "com.delphix:empty_bpobj",
      "com.delphix:enabled_txg",
      "com.delphix:spacemap_histogram",
      "com.delphix:spacemap_v2",
      "com.delphix:log_spacemap",
      "com.delphix:livelist",
      "com.delphix:obsolete_counts",
      "com.delphix:zpool_checkpoint",
      "com.joyent:multi_vdev_crash_dump",
      "com.joyent:filesystem_limits",
      "org.zfsonlinux:allocation_classes",
      "com.datto:resilver_defer",
      "org.openzfs:device_rebuild",
      "com.delphix:head_errlog",
      "org.openzfs:zilsaxattr", // only the intent log, which a reader does not replay
      "com.klarasystems:vdev_zaps_v2");

  static void check(String pool, Map<String, Zap.Value> forRead)
      throws UnsupportedFeatureException {
    for (Map.Entry<String, Zap.Value> e : forRead.entrySet()) {
      if (e.getValue().first() != 0 && !SUPPORTED.contains(e.getKey())) {
        throw new UnsupportedFeatureException("ZFS pool '" + pool + "' uses feature '"
            + e.getKey() + "', which jgrub cannot read");
      }
    }
  }
}
