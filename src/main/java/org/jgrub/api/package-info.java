/**
 * jgrub's public library: read any guest disk, read-only, without mounting it.
 *
 * <p>{@link org.jgrub.api.Disk#open} opens an image and finds its partition table and {@link
 * org.jgrub.api.Volume volumes}; each volume's {@link org.jgrub.api.Volume#fileSystem()} is a
 * {@link java.nio.file.FileSystem} ({@link org.jgrub.api.GuestFileSystem}), so that {@code
 * Files.walk}, {@code Files.readString}, {@code Files.copy} and {@code Files.newDirectoryStream}
 * work on guest files. Paths ({@code GuestPath}) resolve through jgrub's one path walker; files are
 * read through a {@code SeekableByteChannel} over the filesystem driver; every write operation
 * throws {@link java.nio.file.ReadOnlyFileSystemException} from one guard ({@code ReadOnly}). The
 * provider ({@link org.jgrub.api.GuestFileSystemProvider}, URI scheme {@code jgrub:}) also opens a
 * volume by URI: {@code jgrub:file:///images/guest.img!hd0,msdos1!/etc/fstab}.
 *
 * <p>Everything outside this package is internal and may change between releases.
 */
package org.jgrub.api;
