/**
 * qcow2 images (v2 and v3): L1/L2 tables, compressed and zero clusters, extended L2 entries.
 *
 * <p>May import image, io and compress only.
 */
package org.jgrub.image.qcow2;
