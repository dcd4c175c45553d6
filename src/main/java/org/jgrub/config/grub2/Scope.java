package org.jgrub.config.grub2;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * GRUB's variables for one context (grub-core/kern/env.c). A context made for a submenu or a
 * {@code configfile} starts with only the exported variables of its parent, as {@code
 * grub_env_context_open} copies them; an entry's body runs in an overlay so that what one entry
 * sets is not seen by the next.
 */
final class Scope {
  /** Marks a variable unset in an overlay while the parent still has it. */
  private static final String UNSET = new String("");

  private final Scope parent;
  private final Map<String, String> vars = new HashMap<>();
  private final Set<String> exported = new HashSet<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  /** A fresh context holding copies of {@code from}'s exported variables, still exported. */
  static Scope exportedFrom(Scope from) {
    Scope s = new Scope(null);
    from.copyExported(s);
    return s;
  }

  private void copyExported(Scope into) {
    if (parent != null) {
      parent.copyExported(into);
    }
    for (String name : exported) {
      String v = get(name);
      if (v != null) {
        into.vars.put(name, v);
        into.exported.add(name);
      }
    }
  }

  /** The value, or null when unset. */
  String get(String name) {
    String v = vars.get(name);
    if (v == UNSET) {
      return null;
    }
    if (v == null && parent != null) {
      return parent.get(name);
    }
    return v;
  }

  void set(String name, String value) {
    vars.put(name, value);
  }

  void unset(String name) {
    if (parent == null) {
      vars.remove(name);
    } else {
      vars.put(name, UNSET);
    }
  }

  void export(String name) {
    exported.add(name);
  }
}
