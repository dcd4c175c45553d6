package org.jgrub.config.grub1;

/**
 * One logical command line of a GRUB legacy config: {@code name} as {@code find_command} sees it
 * (up to a space or '='), {@code arg} as {@code skip_to(1, ...)} leaves it, {@code text} the whole
 * line for the menu editor.
 */
record Grub1Command(int line, String name, String arg, String text) {}
