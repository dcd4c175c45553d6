/**
 * Disk image formats, each read as a {@code BlockDevice}: raw files and block devices today.
 *
 * <p>May import io and compress only.
 */
package org.jgrub.image;
