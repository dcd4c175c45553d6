package org.jgrub.grubcore;

import java.util.Optional;

/**
 * What a GRUB core image carries besides code: the prefix ({@code OBJ_TYPE_PREFIX}, e.g. {@code
 * (,msdos1)/@rootfs/boot/grub}) and the embedded configuration ({@code OBJ_TYPE_CONFIG}, the
 * {@code load.cfg} grub-install writes: {@code search.fs_uuid … root} and {@code set prefix=…}).
 *
 * @param where what the image is, for messages ("BIOS core image at sector 1")
 */
public record Embedded(String where, Optional<String> prefix, Optional<String> config) {}
