package org.jgrub.cli;

import java.io.IOException;
import org.jgrub.boot.GuestDisk;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.boot.Log;
import org.jgrub.config.Entry;
import org.jgrub.io.NotFoundException;
import org.jgrub.menu.BootMenu;
import org.jgrub.menu.MenuOutcome;

/**
 * Runs the interactive menu on the console. Kept apart from {@link Job} so that the menu's
 * classes are loaded only when a menu is shown.
 */
final class ConsoleMenu {
  private ConsoleMenu() {}

  static Entry choose(LoadedConfig cfg, GuestDisk disk, Log log) throws IOException {
    MenuOutcome m = BootMenu.runOnConsole(cfg.menu(), cfg.files());
    if (!m.boots()) {
      throw new NotFoundException("no entry was chosen: the console closed before a choice was made");
    }
    if (m.how() != MenuOutcome.How.TIMEOUT && m.how() != MenuOutcome.How.CHOSEN) {
      log.info("booting an entry edited for this boot (" + m.how().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return m.entry();
  }
}
