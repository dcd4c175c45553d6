/**
 * The public library: open a guest disk, list its layers and volumes, and read each filesystem
 * through a read-only {@code java.nio.file.FileSystem}. A facade over image, volume, fs (and boot
 * and config for what the guest would boot); only cli imports it, nothing below it does.
 *
 * <p>May import boot, config, fs, volume, image and io.
 */
package org.jgrub.api;
