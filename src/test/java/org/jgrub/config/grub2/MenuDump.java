package org.jgrub.config.grub2;

import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Submenu;
import org.jgrub.config.Warning;

/** A compact text form of a menu, for comparing a whole menu in one assertion. */
final class MenuDump {
  private MenuDump() {}

  static String of(Menu m) {
    StringBuilder sb = new StringBuilder();
    sb.append("default=").append(m.defaultSpec()).append(" timeout=").append(m.timeoutSeconds())
        .append(" hidden=").append(m.hidden()).append('\n');
    items(m.items(), "", sb);
    for (Warning w : m.warnings()) {
      sb.append("warning ").append(w.line()).append(": ").append(w.message()).append('\n');
    }
    return sb.toString();
  }

  private static void items(java.util.List<MenuItem> items, String indent, StringBuilder sb) {
    for (MenuItem i : items) {
      if (i instanceof Submenu s) {
        sb.append(indent).append("submenu '").append(s.title()).append("' id=").append(s.id()).append('\n');
        items(s.items(), indent + "  ", sb);
      } else {
        Entry e = (Entry) i;
        sb.append(indent).append(e.kind()).append(" '").append(e.title()).append("' id=").append(e.id())
            .append(" root=").append(e.root().orElse("-")).append(" kernel=").append(e.kernel())
            .append(" initrds=").append(e.initrds()).append(" args=").append(e.args()).append('\n');
      }
    }
  }
}
