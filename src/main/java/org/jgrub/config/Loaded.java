package org.jgrub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a list of entry lines loads when the format's own parser runs them (the menu's editor and
 * command line): the loader kind, or null when no line loads anything; the kernel, its
 * arguments, the initrds, the root device; and what the parser warned about.
 */
public record Loaded(
    Entry.Kind kind,
    String kernel,
    String args,
    List<String> initrds,
    Optional<String> root,
    List<String> messages) {

  public Loaded {
    initrds = List.copyOf(initrds);
    messages = List.copyOf(messages);
    kernel = kernel == null ? "" : kernel;
    args = args == null ? "" : args;
  }

  /**
   * What a parsed entry loads; {@code null} or a stanza that loads nothing (a kind OTHER without
   * a file) is no loader at all.
   */
  public static Loaded of(Entry e, List<Warning> warnings) {
    List<String> messages = new ArrayList<>();
    for (Warning w : warnings) {
      messages.add(w.message());
    }
    if (e == null || (e.kind() == Entry.Kind.OTHER && e.kernel().isEmpty())) {
      return new Loaded(null, "", "", List.of(), e == null ? Optional.empty() : e.root(), messages);
    }
    return new Loaded(e.kind(), e.kernel(), e.args(), e.initrds(), e.root(), messages);
  }
}
