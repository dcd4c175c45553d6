package org.jgrub.config.lilo;

/** One lilo.conf setting: {@code name=value}, or a flag ({@code value} null), and its line. */
record LiloItem(String name, String value, int line) {}
