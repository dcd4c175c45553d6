package org.jgrub.fs;

/**
 * A filesystem's size and free space in bytes as its superblock records them (what {@code
 * dumpe2fs -h}, {@code xfs_db} and {@code btrfs inspect-internal dump-super} print), not what a
 * walk of its allocation maps would count: a filesystem not cleanly unmounted may record stale
 * counters. Free space includes blocks reserved for root.
 *
 * @param size bytes the filesystem spans (ext: blocks × block size; XFS: the data device; btrfs:
 *     total_bytes of all devices)
 * @param free bytes not allocated
 */
public record FsSpace(long size, long free) {
  public long used() {
    return size - free;
  }
}
