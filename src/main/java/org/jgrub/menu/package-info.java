/**
 * The interactive menu on the guest console: entries, submenus, countdown, the {@code e} editor,
 * the {@code a} arguments line, the {@code c} command line, passwords; VT100 written directly.
 *
 * <p>May import the config model and io (limits, exceptions); never boot, fs, volume, image or
 * cli.
 */
package org.jgrub.menu;
