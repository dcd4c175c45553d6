package org.jgrub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed boot menu.
 *
 * @param format the format it was written in
 * @param source the config file it came from
 * @param defaultSpec the default as the config states it after expansion: an index, a title, an
 *     id, or a GRUB 2 {@code >}-separated path through submenus; "" for the first entry
 * @param fallback the fallback entry spec, when given
 * @param timeoutSeconds seconds before the default boots; -1 waits for a key
 * @param hidden the menu is hidden unless a key is pressed (hiddenmenu, timeout_style=hidden)
 * @param editContext what the format needs to run an entry's edited lines in the entry's place
 */
public record Menu(
    ConfigFormat format,
    String source,
    List<MenuItem> items,
    String defaultSpec,
    Optional<String> fallback,
    int timeoutSeconds,
    boolean hidden,
    Optional<Password> password,
    List<Warning> warnings,
    EditContext editContext) {

  public Menu {
    items = List.copyOf(items);
    warnings = List.copyOf(warnings);
    defaultSpec = defaultSpec == null ? "" : defaultSpec;
    editContext = editContext == null ? EditContext.NONE : editContext;
  }

  /** A menu whose entries depend on nothing outside their own lines. */
  public Menu(
      ConfigFormat format,
      String source,
      List<MenuItem> items,
      String defaultSpec,
      Optional<String> fallback,
      int timeoutSeconds,
      boolean hidden,
      Optional<Password> password,
      List<Warning> warnings) {
    this(format, source, items, defaultSpec, fallback, timeoutSeconds, hidden, password, warnings,
        EditContext.NONE);
  }

  /** Every entry, depth first, with submenus flattened (pygrub's numbering for -l and --entry). */
  public List<Entry> flatEntries() {
    List<Entry> out = new ArrayList<>();
    flatten(items, out);
    return out;
  }

  private static void flatten(List<MenuItem> items, List<Entry> out) {
    for (MenuItem i : items) {
      if (i instanceof Entry e) {
        out.add(e);
      } else if (i instanceof Submenu s) {
        flatten(s.items(), out);
      }
    }
  }
}
