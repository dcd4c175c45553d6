package org.jgrub.boot;

import org.jgrub.config.Menu;

/** The menu read from the guest, and the volume it came from. */
public record LoadedConfig(Menu menu, Probed volume) {}
