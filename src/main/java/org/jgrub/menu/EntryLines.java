package org.jgrub.menu;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;

/**
 * The bridge between an entry and the lines its editor shows: {@link #editable} gives the lines
 * (the entry's body as written, or lines the format makes from its kernel, initrd and arguments
 * when the parser kept none), {@link #apply} turns edited lines back into an entry for this boot.
 *
 * <p>The lines are run by the format itself ({@link ConfigFormat#load}): GRUB 2's interpreter in
 * the entry's own context, the other formats' parsers on the edited stanza, so that every command
 * a parser knows works in the editor too. A value the edit did not change (kernel with its
 * arguments and loader, initrds, root) keeps what the config parser computed, which may depend on
 * settings outside the stanza (a syslinux or LILO global APPEND, GRUB legacy's default root).
 */
final class EntryLines {
  private EntryLines() {}

  /** The result of {@link #apply}: an entry, or why the lines cannot boot. */
  record Applied(Entry entry, String error) {}

  /** The lines the editor starts from, trimmed, blank lines dropped. */
  static List<String> editable(Entry e, ConfigFormat format) {
    List<String> out = new ArrayList<>();
    for (String l : e.lines()) {
      String t = l.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    if (out.isEmpty()) {
      return format.synthesize(e);
    }
    return out;
  }

  /** What a list of lines boots; values the edit left unchanged keep the original's. */
  static Applied apply(Menu menu, Entry orig, List<String> edited, GuestFiles files) {
    ConfigFormat format = menu.format();
    Loaded before = format.load(menu, orig, editable(orig, format), files);
    Loaded after = format.load(menu, orig, edited, files);
    if (after.kind() == null) {
      String why = after.messages().isEmpty() ? "" : " (" + after.messages().get(0) + ")";
      return new Applied(null, "the entry has no linux or kernel command" + why);
    }
    String kernel;
    String args;
    Entry.Kind kind;
    if (before.kind() == after.kind() && before.kernel().equals(after.kernel())
        && before.args().equals(after.args())) {
      kernel = orig.kernel();
      args = orig.args();
      kind = orig.kind();
    } else {
      kernel = after.kernel();
      args = after.args();
      kind = after.kind();
    }
    if (kernel.isEmpty()) {
      return new Applied(null, "the kernel command names no file");
    }
    Entry e =
        new Entry(
            orig.title(), orig.id(), orig.classes(), kernel,
            before.initrds().equals(after.initrds()) ? orig.initrds() : after.initrds(), args,
            before.root().equals(after.root()) ? orig.root() : after.root(), kind,
            orig.users(), orig.unrestricted(), edited);
    return new Applied(e, null);
  }
}
