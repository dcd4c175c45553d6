/**
 * LVM2: physical volumes found by their label, the text metadata of their volume group (the newest
 * copy whose checksum holds), and logical volumes as devices that map their segments onto the PVs.
 *
 * <p>May import io and volume.
 */
package org.jgrub.volume.lvm;
