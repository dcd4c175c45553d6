/**
 * One config format: Boot Loader Specification entries, through GRUB's blscfg and standalone
 * (systemd-boot).
 *
 * <p>May import config (the model), the config sub-packages it shares (text; uki, whose images it
 * lists; grub2 reads bls) and io; never fs, volume, image, boot, menu or cli.
 */
package org.jgrub.config.bls;
