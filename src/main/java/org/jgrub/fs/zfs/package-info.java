/**
 * One filesystem driver: ZFS pools: labels, uberblocks, mirror and raidz vdevs, datasets and
 * snapshots. It lists directories, looks up names, reads links and maps file offsets; paths are
 * walked by {@code fs.PathWalker}, block-mapped files read by {@code fs.RunReader}.
 *
 * <p>May import fs, io and compress; never another filesystem's package, config, boot, menu,
 * volume, image or cli.
 */
package org.jgrub.fs.zfs;
