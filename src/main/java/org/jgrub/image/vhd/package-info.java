/**
 * VHD images (fixed, dynamic, differencing): the footer, the block allocation table, sector bitmaps.
 *
 * <p>May import image, io and compress only.
 */
package org.jgrub.image.vhd;
