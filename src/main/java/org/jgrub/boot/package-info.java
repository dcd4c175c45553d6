/**
 * The pipeline: volumes to filesystems, the search for a config, the chosen entry, the device map
 * (GRUB names, UUIDs and labels to filesystems) and the copy of kernel and initrd into dom0 files.
 *
 * <p>May import config, menu, fs, volume, image and io; never cli. Filesystem sub-packages stay
 * behind the {@code fs} interface; the btrfs subvolume and ZFS dataset rules (BtrfsBoot, ZfsBoot)
 * are the exceptions still to be moved there.
 */
package org.jgrub.boot;
