package org.jgrub.api;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;

/** A guest's numeric user or group id; its name is the number (the host's names do not apply). */
sealed interface GuestPrincipal extends UserPrincipal {
  long id();

  @Override
  default String getName() {
    return Long.toString(id());
  }

  /** An owner. */
  record User(long id) implements GuestPrincipal {
    @Override
    public String toString() {
      return getName();
    }
  }

  /** A group. */
  record Group(long id) implements GuestPrincipal, GroupPrincipal {
    @Override
    public String toString() {
      return getName();
    }
  }
}
