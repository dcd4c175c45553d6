package org.jgrub.api;

/**
 * A guest filesystem's size, used and free bytes as its superblock records them (ext, XFS,
 * btrfs); see {@link GuestFileSystem#space()}.
 *
 * @param size bytes the filesystem spans
 * @param used bytes allocated
 * @param free bytes not allocated (blocks reserved for root included)
 */
public record SpaceInfo(long size, long used, long free) {}
