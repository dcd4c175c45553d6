package org.jgrub.config.grub1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;

/** What one GRUB legacy config file set: its entries and its menu-wide commands. */
final class Grub1File {
  final String device;
  final String path;
  final List<MenuItem> items = new ArrayList<>();
  String defaultArg;
  int defaultLine;
  /** The entries named by {@code fallback}, in order (stage2 keeps up to 8). */
  final List<Integer> fallbacks = new ArrayList<>();
  int timeout = -1;
  boolean hidden;
  Optional<Password> password = Optional.empty();

  Grub1File(String device, String path) {
    this.device = device;
    this.path = path;
  }
}
