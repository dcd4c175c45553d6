/**
 * Linux MD RAID: member superblocks (0.90, 1.0, 1.1, 1.2), arrays assembled from the members found
 * on the disk by array UUID, and arrays as devices that map their bytes onto the members (linear,
 * raid0, raid1, raid10, raid4/5/6 with at most one member missing).
 *
 * <p>May import io and volume (to read a partition table inside an array).
 */
package org.jgrub.volume.md;
