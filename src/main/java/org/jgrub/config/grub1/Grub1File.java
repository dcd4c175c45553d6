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
  Optional<String> fallback = Optional.empty();
  int timeout = -1;
  boolean hidden;
  Optional<Password> password = Optional.empty();

  Grub1File(String device, String path) {
    this.device = device;
    this.path = path;
  }
}
