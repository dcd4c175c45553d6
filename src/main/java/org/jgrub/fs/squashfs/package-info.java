/**
 * One filesystem driver: squashfs 4.0 (Linux fs/squashfs, GRUB grub-core/fs/squash4.c), the
 * read-only compressed filesystem of appliance and live images. It lists directories, looks up
 * names, reads links and decompresses file data (gzip, lzo, xz, lz4, zstd); paths are walked by
 * {@code fs.PathWalker}.
 *
 * <p>May import fs, io and compress; never another filesystem's package, config, boot, menu,
 * volume, image or cli.
 */
package org.jgrub.fs.squashfs;
