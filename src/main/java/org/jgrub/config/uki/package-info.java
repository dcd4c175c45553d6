/**
 * Unified kernel images (Boot Loader Specification Type #2): the sections systemd-stub boots from ({@code .linux}, {@code .initrd}, {@code .ucode}, {@code
 * .cmdline}, {@code .osrel}, {@code .uname}). It reads guest bytes through a small source, so both
 * the config layer (titles, command lines) and boot (the payload ranges) use it.
 *
 * <p>May import config (the model), pe (the section table) and io; never fs, volume, image, boot, menu or cli.
 */
package org.jgrub.config.uki;
