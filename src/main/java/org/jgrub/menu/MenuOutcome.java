package org.jgrub.menu;

import java.util.List;
import org.jgrub.config.Entry;

/**
 * What the menu decided.
 *
 * @param how how the entry was chosen
 * @param entry the entry to boot (edited for this boot only when {@code how} says so); null when
 *     {@link How#CANCELLED}
 * @param path the index at each menu level of the entry chosen or edited (GRUB's {@code 1>2});
 *     empty for {@link How#COMMAND_LINE} and {@link How#CANCELLED}
 */
public record MenuOutcome(How how, Entry entry, List<Integer> path) {
  /** How the menu ended. */
  public enum How {
    /** The timeout expired (or was 0): the config's default entry. */
    TIMEOUT,
    /** The user chose an entry with Enter. */
    CHOSEN,
    /** The user edited an entry ('e' then 'b', or 'a'); {@code entry.lines()} holds the edit. */
    EDITED,
    /** The user typed {@code boot} on the command line ('c'); the entry is made of its commands. */
    COMMAND_LINE,
    /** The input ended (the console closed) before anything was chosen. */
    CANCELLED
  }

  public MenuOutcome {
    path = List.copyOf(path);
  }

  /** Whether there is an entry to boot. */
  public boolean boots() {
    return how != How.CANCELLED;
  }
}
