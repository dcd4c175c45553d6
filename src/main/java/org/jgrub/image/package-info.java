/**
 * Disk image formats, each read as a {@code BlockDevice} and detected by content ({@code Images}):
 * raw files and block devices, and one sub-package per format (qcow2, vhd, vmdk). Backing files
 * are opened only under the directory the administrator names ({@code Backing}).
 *
 * <p>May import io and compress, and its own sub-packages.
 */
package org.jgrub.image;
