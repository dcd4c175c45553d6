package org.jgrub.boot;

import java.util.Optional;
import org.jgrub.config.Entry;

/**
 * What to boot: the kernel and ramdisk (dom0 files, or guest paths with -n) and the arguments.
 * {@code chosen} is empty when --kernel bypassed the config.
 */
public record BootResult(
    String kernel, Optional<String> ramdisk, String args, Optional<Entry> chosen) {}
