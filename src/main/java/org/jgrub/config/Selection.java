package org.jgrub.config;

import java.util.List;

/**
 * The chosen entry and where it sits: {@code path} holds the index at each menu level (GRUB's
 * {@code 1>2}); {@code notes} says what was guessed (a missing default, a submenu entered).
 */
public record Selection(List<Integer> path, Entry entry, List<String> notes) {
  public Selection {
    path = List.copyOf(path);
    notes = List.copyOf(notes);
  }

  /** The path in GRUB's notation: "1>2". */
  public String pathString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        sb.append('>');
      }
      sb.append(path.get(i));
    }
    return sb.toString();
  }
}
