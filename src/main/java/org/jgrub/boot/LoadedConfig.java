package org.jgrub.boot;

import org.jgrub.config.Menu;

/**
 * The menu read from the guest, the volume it came from (seen through the view it was found in),
 * and the guest's files as that configuration sees them: what the menu's editor and command line
 * read through, and what its entries' paths resolve against.
 */
public record LoadedConfig(Menu menu, Probed volume, DeviceMap files) {
  /** A configuration read from the host (--isconfig): no guest volume, no guest files. */
  public LoadedConfig(Menu menu, Probed volume) {
    this(menu, volume, null);
  }
}
