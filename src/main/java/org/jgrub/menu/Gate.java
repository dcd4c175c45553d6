package org.jgrub.menu;

import java.io.IOException;
import java.util.List;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Password;

/**
 * GRUB's password rules for the menu: whether editing is locked, who may boot which entry, and
 * asking for the user name and password (through the menu's prompt row).
 */
final class Gate {
  private final Menu menu;
  private final BootMenu ui;
  private boolean authenticated;

  Gate(Menu menu, BootMenu ui) {
    this.menu = menu;
    this.ui = ui;
  }

  /** Whether a password exists that has not been given yet ('p' asks for it). */
  boolean locked() {
    return menu.password().isPresent() && !authenticated;
  }

  /** Whether editing and the command line are open (no password, or it was given). */
  boolean editingOpen() {
    if (authenticated || menu.password().isEmpty()) {
      return true;
    }
    Password pw = menu.password().get();
    // GRUB 2 enforces nothing until superusers is set; a single password always locks.
    return menu.format().namedUsers() && pw.superusers().isEmpty();
  }

  /**
   * GRUB 2 with superusers: an entry without --unrestricted needs an authorised user. Other
   * formats (GRUB legacy's {@code lock}, or an entry with its own {@code password}, which the
   * parser marks restricted): the menu's password, when there is one.
   */
  boolean mayBoot(Entry e) throws IOException {
    if (e.unrestricted() || menu.password().isEmpty()) {
      return true;
    }
    if (!menu.format().namedUsers()) {
      return authenticated || authenticate();
    }
    Password pw = menu.password().get();
    if (pw.superusers().isEmpty()) {
      return true;
    }
    if (!authenticated && !authenticate()) {
      return false;
    }
    if (pw.superusers().contains(pw.users()) || listed(e, pw.users())) {
      return true;
    }
    ui.setMessage("Access denied: user '" + pw.users() + "' may not boot this entry.");
    return false;
  }

  private static boolean listed(Entry e, String user) {
    if (e.users().isEmpty()) {
      return false;
    }
    List<String> names = Words.split(e.users().get().replace(',', ' '), false, "");
    return names.contains(user);
  }

  /** Asks for the user name (GRUB 2) and password; true when they match. */
  boolean authenticate() throws IOException {
    Password pw = menu.password().get();
    boolean named = menu.format().namedUsers();
    String user = "";
    if (named) {
      user = ui.prompt("Enter username: ", false);
      if (user == null) {
        return false;
      }
    }
    String pass = ui.prompt(named ? "Enter password: " : "Password: ", true);
    if (pass == null) {
      return false;
    }
    PasswordCheck.Result r = PasswordCheck.check(pw, pass);
    // Single-password formats have no users; GRUB 2 checks the name too.
    authenticated = r.matched() && (!named || user.equals(pw.users()));
    ui.setMessage(authenticated ? "" : failure(r));
    return authenticated;
  }

  private static String failure(PasswordCheck.Result r) {
    return r.problem().isEmpty() ? "Failed! (wrong password)" : "Failed! " + r.problem();
  }
}
