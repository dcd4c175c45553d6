/**
 * One config format: GRUB legacy (menu.lst, grub.conf), with Solaris' findroot and $-commands.
 *
 * <p>May import config (the model), the config sub-packages it shares (text; grub2 reads bls) and
 * io; never fs, volume, image, boot, menu or cli.
 */
package org.jgrub.config.grub1;
