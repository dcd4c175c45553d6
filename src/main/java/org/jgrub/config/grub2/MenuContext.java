package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;

/**
 * One GRUB menu being built (grub-core/normal/menu.c): the variables of its context and the items
 * its script defined, in order. Entry bodies and submenu bodies are kept unevaluated: GRUB runs
 * them only when the entry is booted or the submenu entered, in this context as the script left it.
 */
final class MenuContext {
  final Scope scope;
  final List<Pending> items = new ArrayList<>();
  /** Set by {@code configfile}: the menu GRUB shows instead of this one. */
  MenuContext replacement;

  MenuContext(Scope scope) {
    this.scope = scope;
  }

  /** A menuentry or submenu as its definition ran: options expanded, body kept for later. */
  record Pending(
      boolean submenu,
      String title,
      String id,
      List<String> classes,
      String users,
      boolean unrestricted,
      List<String> args,
      Node.Block body,
      String source,
      String file,
      int line) {}

  /** The context whose menu GRUB ends up showing (following configfile). */
  MenuContext effective() {
    MenuContext c = this;
    while (c.replacement != null) {
      c = c.replacement;
    }
    return c;
  }
}
