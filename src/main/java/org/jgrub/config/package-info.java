/**
 * The menu model ({@code Menu}, {@code Entry}), the discovery order of config files and the choice
 * of the default entry; one sub-package per format (grub2, grub1, bls, syslinux, lilo) and text,
 * the reading they share.
 *
 * <p>May import io (limits, exceptions) only: configs are parsed from bytes handed in, never read
 * from a filesystem, volume or image here.
 */
package org.jgrub.config;
