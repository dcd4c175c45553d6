/**
 * VMDK images: monolithicSparse and streamOptimized grains, a monolithicFlat descriptor with one extent.
 *
 * <p>May import image, io and compress only.
 */
package org.jgrub.image.vmdk;
