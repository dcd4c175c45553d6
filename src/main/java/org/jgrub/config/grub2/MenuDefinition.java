package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code menuentry} and {@code submenu} (grub-core/commands/menuentry.c): the title and options in
 * any order ({@code --id}, {@code --class}, {@code --users}, {@code --unrestricted}, {@code
 * --hotkey}), the title as {@code $1} of the body; the body is kept to run later.
 */
final class MenuDefinition {
  private MenuDefinition() {}

  static void define(Interp in, Node.Menu m) {
    String what = m.submenu() ? "submenu" : "menuentry";
    List<String> argv = in.expand(m.args(), 0);
    if (in.signal != Interp.NONE) {
      return;
    }
    if (in.rec != null) {
      in.warn(m.line(), what + " inside a menu entry is ignored");
      in.status = 1;
      return;
    }
    String title = null;
    String id = "";
    String users = null;
    boolean unrestricted = false;
    List<String> classes = new ArrayList<>();
    List<String> args = new ArrayList<>();
    boolean options = true;
    for (int k = 0; k < argv.size(); k++) {
      String a = argv.get(k);
      if (options && a.equals("--")) {
        options = false;
        continue;
      }
      if (options && a.startsWith("--") && a.length() > 2) {
        int eq = a.indexOf('=');
        String opt = eq < 0 ? a.substring(2) : a.substring(2, eq);
        boolean takesValue =
            opt.equals("class") || opt.equals("users") || opt.equals("hotkey") || opt.equals("id")
                || opt.equals("source");
        String value = null;
        if (takesValue) {
          if (eq >= 0) {
            value = a.substring(eq + 1);
          } else if (k + 1 < argv.size()) {
            value = argv.get(++k);
          } else {
            in.warn(m.line(), what + ": option --" + opt + " needs a value; not added");
            in.status = 1;
            return;
          }
        }
        switch (opt) {
          case "class" -> classes.add(value);
          case "users" -> users = value;
          case "id" -> id = value;
          case "hotkey" -> { }
          case "unrestricted" -> unrestricted = true;
          case "source" -> in.warn(m.line(), what + " --source is not supported; the block is used");
          default -> {
            in.warn(m.line(), what + ": unknown option '" + a + "'; not added (as GRUB refuses it)");
            in.status = 1;
            return;
          }
        }
        continue;
      }
      if (title == null) {
        title = a;
      }
      args.add(a); // the title is $1 in the body, the other arguments follow (menuentry.c)
    }
    if (title == null) {
      in.warn(m.line(), what + " without a title; not added");
      in.status = 1;
      return;
    }
    if (!in.newItem(m.line())) {
      in.status = 1;
      return;
    }
    in.ctx.items.add(new MenuContext.Pending(
        m.submenu(), title, id, classes, users, unrestricted, args, m.body(), m.source(), in.file,
        m.line()));
    in.status = 0;
  }
}
