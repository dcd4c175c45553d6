/**
 * PE/COFF files read from hostile bytes: the section table, bounded and checked. Shared by the
 * unified kernel images ({@code config.uki}, {@code boot}) and GRUB's EFI images ({@code
 * grubcore}, whose {@code mods} section holds the module area).
 *
 * <p>May import io only.
 */
package org.jgrub.pe;
