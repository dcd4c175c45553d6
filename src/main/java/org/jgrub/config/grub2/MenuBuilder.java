package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Submenu;

/**
 * Turns the items a script defined into the menu, running each deferred body as GRUB would: an
 * entry's when it is booted (in an overlay over its menu's final variables), a submenu's when it is
 * entered (in a new context holding the exported variables).
 */
final class MenuBuilder {
  private MenuBuilder() {}

  /** Runs the deferred bodies of a menu's items, as GRUB would when each is chosen. */
  static List<MenuItem> build(Interp in, MenuContext ctx, int depth, String chosenPath) {
    List<MenuItem> out = new ArrayList<>();
    for (MenuContext.Pending p : ctx.items) {
      if (p.submenu()) {
        if (depth >= in.limits.scriptDepth) {
          in.warn(p.line(), "submenus nested deeper than " + in.limits.scriptDepth + "; left out");
          continue;
        }
        // Entering a submenu opens a new context with the exported variables (menu.c).
        MenuContext sub = new MenuContext(Scope.exportedFrom(ctx.scope));
        MenuContext savedCtx = in.ctx;
        Scope savedScope = in.scope;
        List<String> savedParams = in.params;
        String savedFile = in.file;
        in.ctx = sub;
        in.scope = sub.scope;
        in.params = p.args();
        in.file = p.file();
        try {
          in.execBlock(p.body());
        } finally {
          in.signal = Interp.NONE;
          in.ctx = savedCtx;
          in.scope = savedScope;
          in.params = savedParams;
          in.file = savedFile;
        }
        out.add(new Submenu(Text.display(p.title()), Text.display(p.id()),
            build(in, sub.effective(), depth + 1, chosenPath + chosen(p) + ">")));
      } else {
        out.add(entry(in, ctx, p, chosenPath + chosen(p)));
      }
    }
    return out;
  }

  /**
   * What GRUB puts in $chosen for an item (menu.c): its id, or its title when it has none, with
   * '>' doubled so that the path stays unambiguous.
   */
  private static String chosen(MenuContext.Pending p) {
    String id = p.id().isEmpty() ? p.title() : p.id();
    return id.indexOf('>') < 0 ? id : id.replace(">", ">>");
  }

  private static Entry entry(Interp in, MenuContext ctx, MenuContext.Pending p, String chosen) {
    EntryRecorder rec = new EntryRecorder();
    Scope savedScope = in.scope;
    List<String> savedParams = in.params;
    String savedFile = in.file;
    Scope mine = new Scope(ctx.scope);
    mine.set("chosen", chosen);
    in.rec = rec;
    in.scope = mine;
    in.params = p.args();
    in.file = p.file();
    try {
      in.execBlock(p.body());
    } finally {
      in.signal = Interp.NONE;
      in.rec = null;
      in.scope = savedScope;
      in.params = savedParams;
      in.file = savedFile;
    }
    String root = rec.root;
    if (rec.kind == null) {
      String r = mine.get("root");
      root = r == null || r.isEmpty() ? null : Text.stripParens(r);
    }
    Entry.Kind kind = rec.other || rec.kind == null ? Entry.Kind.OTHER : rec.kind;
    List<String> classes = new ArrayList<>(p.classes().size());
    for (String c : p.classes()) {
      classes.add(Text.display(c));
    }
    List<String> initrds = new ArrayList<>(rec.initrds.size());
    for (String i : rec.initrds) {
      initrds.add(Text.display(i));
    }
    Entry e = new Entry(Text.display(p.title()), Text.display(p.id()), classes,
        Text.display(rec.kernel), initrds, Text.display(rec.args),
        root == null ? Optional.empty() : Optional.of(Text.display(root)), kind,
        p.users() == null ? Optional.empty() : Optional.of(Text.display(p.users())),
        p.unrestricted(), lines(p.source()));
    in.places.put(e, new Grub2Context.Place(ctx, p.args(), chosen, p.file()));
    return e;
  }

  /** The body as written, one trimmed line each, without blank lines at either end. */
  static List<String> lines(String source) {
    List<String> out = new ArrayList<>();
    int n = source.length();
    int p = 0;
    while (p <= n) {
      int nl = source.indexOf('\n', p);
      int end = nl < 0 ? n : nl;
      out.add(Text.display(source.substring(p, end).trim()));
      p = end + 1;
    }
    int a = 0;
    int b = out.size();
    while (a < b && out.get(a).isEmpty()) {
      a++;
    }
    while (b > a && out.get(b - 1).isEmpty()) {
      b--;
    }
    return out.subList(a, b);
  }
}
