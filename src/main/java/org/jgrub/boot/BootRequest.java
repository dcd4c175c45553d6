package org.jgrub.boot;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asked for.
 *
 * @param offset --offset: the filesystem's byte offset, skipping partition tables
 * @param entry --entry: an index (pygrub's flattened numbering), a title, an id or a GRUB path
 * @param kernel --kernel: boot this guest path without reading any config
 * @param ramdisk --ramdisk (with --kernel)
 * @param extraArgs --args: appended to the entry's arguments
 * @param notReally -n: copy nothing, name the guest paths
 */
public record BootRequest(
    Path disk,
    Optional<Long> offset,
    Optional<String> entry,
    Optional<String> kernel,
    Optional<String> ramdisk,
    String extraArgs,
    boolean notReally,
    Path outputDirectory) {}
