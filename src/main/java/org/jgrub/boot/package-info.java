/**
 * The pipeline: volumes to filesystems, the search for a config, the chosen entry, the device map
 * (GRUB names, UUIDs and labels to filesystems) and the copy of kernel and initrd into dom0 files.
 *
 * <p>May import config, menu, fs, volume, image and io; never cli. Filesystem sub-packages stay
 * behind the {@code fs} interface: what btrfs subvolumes and ZFS datasets add to the pipeline
 * (other views of a volume, paths written from the top level, datasets named in a path, a boot
 * string) are capabilities of {@link org.jgrub.fs.GuestFs}, so the pipeline is one for every
 * filesystem. The run's {@link org.jgrub.io.Bounds} arrive with the disk and travel with the
 * device map and each filesystem.
 */
package org.jgrub.boot;
