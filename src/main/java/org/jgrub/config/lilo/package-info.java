/**
 * One config format: LILO's lilo.conf.
 *
 * <p>May import config (the model), the config sub-packages it shares (text; grub2 reads bls) and
 * io; never fs, volume, image, boot, menu or cli.
 */
package org.jgrub.config.lilo;
