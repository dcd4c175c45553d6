/**
 * One filesystem driver: ReiserFS 3.5 and 3.6, committed journal transactions replayed in memory.
 * It lists directories, looks up names, reads links and maps file offsets; paths are walked by
 * {@code fs.PathWalker}, block-mapped files read by {@code fs.RunReader}.
 *
 * <p>May import fs, io and compress; never another filesystem's package, config, boot, menu,
 * volume, image or cli.
 */
package org.jgrub.fs.reiserfs;
