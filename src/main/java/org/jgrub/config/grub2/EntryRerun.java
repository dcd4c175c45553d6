package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;
import org.jgrub.config.Warning;

/**
 * Runs edited entry lines through the interpreter as GRUB runs an edited entry: in the context of
 * the menu the entry belongs to, with its parameters and {@code $chosen}, recording what the
 * loader commands load. Each run gets a fresh interpreter (fresh budgets, fresh warnings).
 */
final class EntryRerun {
  /** The file name warnings about edited lines carry. */
  static final String FILE = "(edited entry)";

  private EntryRerun() {}

  static Loaded run(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    Grub2Context c = menu.editContext() instanceof Grub2Context g ? g : fresh(menu, files);
    Interp in = new Interp(files, files.bounds().limits(), c.device);
    in.functions.putAll(c.functions);
    in.btrfsMounts.addAll(c.btrfsMounts);
    Grub2Context.Place place = entry == null ? null : c.places.get(entry);
    Scope mine = new Scope(place != null ? place.menu().scope : c.menu.scope);
    if (place != null) {
      mine.set("chosen", place.chosen());
    }
    // A context of its own, so that nothing the lines do reaches the menu's.
    in.ctx = new MenuContext(mine);
    in.scope = mine;
    in.params = place != null ? place.params() : List.of();
    EntryRecorder rec = new EntryRecorder();
    in.rec = rec;
    StringBuilder text = new StringBuilder();
    for (String l : lines) {
      text.append(Text.latin1View(l)).append('\n');
    }
    in.runText(text.toString(), FILE);
    List<String> messages = new ArrayList<>();
    for (Warning w : in.warnings()) {
      messages.add(w.message());
    }
    String root = rec.root;
    if (rec.kind == null) {
      String r = mine.get("root");
      root = r == null || r.isEmpty() ? null : Text.stripParens(r);
    }
    Optional<String> r = root == null ? Optional.empty() : Optional.of(Text.display(root));
    if (rec.kind == null && !rec.other) {
      return new Loaded(null, "", "", List.of(), r, messages);
    }
    Entry.Kind kind = rec.other || rec.kind == null ? Entry.Kind.OTHER : rec.kind;
    List<String> initrds = new ArrayList<>(rec.initrds.size());
    for (String i : rec.initrds) {
      initrds.add(Text.display(i));
    }
    return new Loaded(kind, Text.display(rec.kernel), Text.display(rec.args), initrds, r, messages);
  }

  /** The context GRUB starts with, for a menu that kept none (one built outside the parser). */
  private static Grub2Context fresh(Menu menu, GuestFiles files) {
    Scope top = new Scope(null);
    String device = files.configDevice();
    Grub2Parser.platform(top, device, menu.source());
    return new Grub2Context(new MenuContext(top), new java.util.HashMap<>(), device,
        new IdentityHashMap<>());
  }
}
