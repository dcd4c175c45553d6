package org.jgrub.config;

/**
 * A configuration file found on the guest: its path on {@code device} and its bytes (at most
 * {@code Limits.configFileBytes}). Config files are bytes, as GRUB reads them; parsers decode.
 */
public record ConfigFile(String device, String path, byte[] content) {}
