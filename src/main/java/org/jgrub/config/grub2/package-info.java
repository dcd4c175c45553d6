/**
 * One config format: GRUB 2, grub.cfg interpreted as GRUB runs it (variables, if, functions,
 * source, load_env, search, submenus).
 *
 * <p>May import config (the model), the config sub-packages it shares (text; grub2 reads bls) and
 * io; never fs, volume, image, boot, menu or cli.
 */
package org.jgrub.config.grub2;
