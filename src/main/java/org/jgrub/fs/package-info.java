/**
 * Filesystems: {@code GuestFs} and {@code FsDriver} (the small interface every filesystem
 * implements), the ordered probe, the one path walker ({@code PathWalker}) and the one
 * block-mapped read path ({@code RunReader}, {@code RunMap}); one sub-package per filesystem.
 *
 * <p>May import io only; a filesystem's sub-package may import fs, io and compress. Never config,
 * boot, menu, volume, image or cli.
 */
package org.jgrub.fs;
