/**
 * The GRUB 2 installed on a guest disk, read as GRUB's own boot code reads it: for BIOS the boot
 * sector's pointer to the core image, the core image's blocklists, its LZMA-compressed kernel and the
 * module area embedded in it (the prefix, the embedded configuration); for EFI the {@code mods}
 * section of the PE image on the EFI system partition, which holds the same module area. What {@code grub-install}
 * wrote tells where the guest's GRUB finds its configuration. Everything here is guest bytes:
 * bounded, checked, and a damaged core image is a {@code CorruptDataException} the caller
 * falls back from.
 *
 * <p>May import io and pe (and the xz library) only.
 */
package org.jgrub.grubcore;
