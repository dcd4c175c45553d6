/**
 * One filesystem driver: XFS v4 and v5. It lists directories, looks up names, reads links and maps
 * file offsets; paths are walked by {@code fs.PathWalker}, block-mapped files read by {@code
 * fs.RunReader}.
 *
 * <p>May import fs, io and compress; never another filesystem's package, config, boot, menu,
 * volume, image or cli.
 */
package org.jgrub.fs.xfs;
