package org.jgrub.config.syslinux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.config.Submenu;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.GuestPath;
import org.jgrub.config.text.ParseContext;

/**
 * Reads one syslinux configuration and everything it INCLUDEs, in the order of syslinux 6's
 * {@code parse_config_file}: state is global across included files, as if they were pasted in.
 * Relative file names resolve against the working directory, which is the main config's
 * directory (syslinux changes directory there before reading it).
 */
final class SyslinuxReader {
  final ParseContext ctx;
  final String device;
  final String cwd;
  /** The main configs being read, outermost first: CONFIG may not loop back into one of them. */
  final List<String> configs;
  /** Menus of configs already read for a CONFIG stanza, by file and directory: read once. */
  final Map<String, List<MenuItem>> configMenus;
  /** The files being read through INCLUDE right now, for loops. */
  final List<String> chain = new ArrayList<>();
  final int depth;

  final SyslinuxMenu root = new SyslinuxMenu(null, "");
  SyslinuxMenu current = root;
  SyslinuxLabel ld;
  String globalAppend;
  String globalDefault;
  int defaultLine;
  String onTimeout;
  int timeoutTenths = -1;
  int prompt;
  boolean ui;
  boolean menuHidden;
  Optional<Password> master = Optional.empty();
  /** Each stanza's command line and its label: ONTIMEOUT may give a command line, not a label. */
  final Map<String, String> labelByCmdline = new HashMap<>();

  SyslinuxReader(ParseContext ctx, String device, String cwd, List<String> configs,
      Map<String, List<MenuItem>> configMenus, int depth) {
    this.ctx = ctx;
    this.configMenus = configMenus;
    this.device = device;
    this.cwd = cwd;
    this.configs = configs;
    this.depth = depth;
  }

  /** Reads {@code text} as the file {@code path}, then closes the last stanza. */
  void readMain(String path, String text) throws IOException {
    configs.add(path);
    chain.add(path);
    try {
      readFile(path, text);
    } finally {
      chain.remove(chain.size() - 1);
    }
    record();
  }

  private void readFile(String path, String text) throws IOException {
    List<String> lines = ConfigText.lines(text);
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      int lineNo = i + 1;
      String line = ConfigText.strip(raw);
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      String kw = ConfigText.firstWord(line).toLowerCase(Locale.ROOT);
      String rest = ConfigText.afterFirstWord(line);
      if (kw.equals("text")) {
        // TEXT HELP ... ENDTEXT: help prose, which must not be read as commands ("Display ...").
        while (i + 1 < lines.size()
            && !ConfigText.firstWord(lines.get(i + 1)).equalsIgnoreCase("endtext")) {
          i++;
        }
        i++;
        continue;
      }
      if (ld != null && !kw.equals("label")) {
        ld.lines.add(line);
      }
      switch (kw) {
        case "menu" -> menu(path, lineNo, rest);
        case "include" -> include(path, lineNo, ConfigText.firstWord(rest), "");
        case "append" -> {
          String a = ctx.bound(rest, path, lineNo, "APPEND");
          if (ld != null) {
            ld.append = a;
          } else {
            globalAppend = a;
          }
        }
        case "initrd" -> {
          if (ld != null) {
            ld.initrd = ctx.bound(rest, path, lineNo, "INITRD");
          } else {
            ctx.warn(path, lineNo, "INITRD outside a LABEL; ignored (as syslinux ignores it)");
          }
        }
        case "label" -> {
          record();
          String name = ConfigText.firstWord(rest);
          ld = new SyslinuxLabel(ctx.bound(name, path, lineNo, "LABEL"), path, lineNo);
        }
        case "kernel", "linux", "boot", "bss", "pxe", "fdimage", "comboot", "com32", "config",
            "localboot" -> {
          if (ld != null) {
            ld.kernel = ctx.bound(rest, path, lineNo, kw);
            ld.type = SyslinuxLabel.Type.valueOf(kw.toUpperCase(Locale.ROOT));
          }
        }
        case "timeout" -> timeoutTenths = atoi(rest);
        case "ontimeout" -> onTimeout = ctx.bound(rest, path, lineNo, "ONTIMEOUT");
        case "default" -> {
          globalDefault = ctx.bound(rest, path, lineNo, "DEFAULT");
          defaultLine = lineNo;
        }
        case "ui" -> ui = true;
        case "prompt" -> prompt = atoi(rest);
        default -> {
          if (!SyslinuxKeywords.IGNORED.contains(kw) && !SyslinuxKeywords.isFunctionKey(kw)) {
            ctx.warn(path, lineNo, "unknown keyword '" + cut(kw) + "' ignored (syslinux ignores it)");
          }
        }
      }
    }
  }

  private void menu(String path, int lineNo, String rest) throws IOException {
    String kw = ConfigText.firstWord(rest).toLowerCase(Locale.ROOT);
    String arg = ConfigText.afterFirstWord(rest);
    switch (kw) {
      case "label" -> {
        if (ld != null) {
          ld.menuLabel = ctx.bound(arg, path, lineNo, "MENU LABEL");
        } else if (current.parent != null) {
          current.label = ctx.bound(arg, path, lineNo, "MENU LABEL");
        }
      }
      case "title" -> current.title = ctx.bound(arg, path, lineNo, "MENU TITLE");
      case "default" -> {
        if (ld != null) {
          ld.menuDefault = true;
        }
      }
      case "hide" -> {
        if (ld != null) {
          ld.hide = true;
        }
      }
      case "hidden" -> menuHidden = true;
      case "passwd" -> {
        if (ld != null) {
          ld.passwd = arg;
        }
      }
      case "master" -> {
        if (ConfigText.firstWord(arg).equalsIgnoreCase("passwd")) {
          String pw = ConfigText.afterFirstWord(arg);
          master = Optional.of(new Password(scheme(pw), ctx.bound(pw, path, lineNo, "MENU MASTER PASSWD"),
              "", List.of()));
        }
      }
      case "include" -> include(path, lineNo, ConfigText.firstWord(arg),
          ConfigText.afterFirstWord(arg));
      case "begin" -> {
        record();
        beginSubmenu(arg, path, lineNo);
      }
      case "end" -> {
        record();
        if (current.parent != null) {
          current = current.parent;
        }
      }
      case "separator" -> record();
      case "disable", "disabled" -> setAction(SyslinuxLabel.Action.DISABLED);
      case "exit" -> setAction(SyslinuxLabel.Action.EXIT);
      case "goto" -> setAction(SyslinuxLabel.Action.GOTO);
      case "quit" -> setAction(SyslinuxLabel.Action.QUIT);
      default -> {
        // Colours, layout, messages, background, save/nosave: presentation only.
      }
    }
  }

  private void setAction(SyslinuxLabel.Action a) {
    if (ld != null) {
      ld.action = a;
    }
  }

  private void beginSubmenu(String tag, String path, int lineNo) {
    SyslinuxMenu m = new SyslinuxMenu(current, ctx.bound(tag, path, lineNo, "MENU BEGIN"));
    if (ctx.takeEntry(path, lineNo)) {
      current.items.add(m);
    }
    current = m;
  }

  /** INCLUDE file, or MENU INCLUDE file [tag] (a tag makes the file's entries a submenu). */
  private void include(String from, int lineNo, String name, String tag) throws IOException {
    if (name.isEmpty()) {
      ctx.warn(from, lineNo, "INCLUDE without a file name");
      return;
    }
    String path = GuestPath.resolve(cwd, name);
    if (chain.size() > ctx.limits().includeDepth) {
      ctx.warn(from, lineNo, "INCLUDE " + cut(name) + " nested deeper than "
          + ctx.limits().includeDepth + "; not read");
      return;
    }
    if (chain.contains(path)) {
      ctx.warn(from, lineNo, "INCLUDE " + cut(name) + " includes itself; not read again");
      return;
    }
    Optional<String> text = ctx.readInclude(device, path, from, lineNo);
    if (text.isEmpty()) {
      return;
    }
    if (!tag.isEmpty()) {
      record();
      beginSubmenu(tag, from, lineNo);
    }
    SyslinuxMenu opened = current;
    chain.add(path);
    try {
      readFile(path, text.get());
    } finally {
      chain.remove(chain.size() - 1);
    }
    if (!tag.isEmpty()) {
      record();
      current = opened.parent != null ? opened.parent : root;
    }
  }

  /** Ends the stanza being read and adds it to the current menu ({@code record()}). */
  void record() throws IOException {
    SyslinuxLabel l = ld;
    ld = null;
    if (l == null) {
      return;
    }
    if (l.action != SyslinuxLabel.Action.RUN) {
      // Separators, disabled lines and menu navigation (MENU EXIT/GOTO/QUIT) boot nothing.
      return;
    }
    if (l.hide) {
      return;
    }
    if (!ctx.takeEntry(l.file, l.line)) {
      return;
    }
    MenuItem item = SyslinuxEntries.build(l, this);
    if (item == null) {
      return;
    }
    if (l.menuDefault) {
      current.defaultIndex = current.items.size();
    }
    labelByCmdline.putIfAbsent(ConfigText.strip(SyslinuxEntries.cmdline(l, this)), l.label);
    current.items.add(item);
  }

  /** A CONFIG stanza: the named configuration, read as its own menu, becomes a submenu. */
  Submenu configSubmenu(SyslinuxLabel l, String target, String newCwd) throws IOException {
    String path = GuestPath.resolve(cwd, target);
    String dir = newCwd.isEmpty() ? cwd : newCwd;
    String key = path + "\u0000" + dir;
    List<MenuItem> items = configMenus.get(key);
    if (items != null) {
      // The Debian installer's menus point at prompt.cfg from several places: read it once.
      return new Submenu(l.title(), l.label, items);
    }
    items = List.of();
    if (depth + 1 > ctx.limits().includeDepth) {
      ctx.warn(l.file, l.line, "CONFIG " + cut(target) + " nested deeper than "
          + ctx.limits().includeDepth + "; not read");
    } else if (configs.contains(path)) {
      ctx.warn(l.file, l.line, "CONFIG " + cut(target) + " loops back to a config being read; not read");
    } else {
      Optional<String> text = ctx.readInclude(device, path, l.file, l.line);
      if (text.isPresent()) {
        // CONFIG starts syslinux afresh on the new file: its own globals, its own menu.
        SyslinuxReader sub = new SyslinuxReader(ctx, device, dir, new ArrayList<>(configs),
            configMenus, depth + 1);
        sub.readMain(path, text.get());
        items = sub.root.build();
        configMenus.put(key, items);
      }
    }
    return new Submenu(l.title(), l.label, items);
  }

  /** C's atoi: optional sign and leading digits; 0 when there are none. */
  static int atoi(String s) {
    String t = ConfigText.strip(s);
    int i = 0;
    boolean neg = false;
    if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      neg = t.charAt(i) == '-';
      i++;
    }
    long v = 0;
    while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9' && v < Integer.MAX_VALUE) {
      v = v * 10 + (t.charAt(i) - '0');
      i++;
    }
    v = Math.min(v, Integer.MAX_VALUE);
    return (int) (neg ? -v : v);
  }

  /** syslinux passwords are crypt(3) strings ($1$ MD5, $4$ SHA-1, $5$/$6$ SHA-2) or plain text. */
  static String scheme(String pw) {
    if (pw.startsWith("$1$")) {
      return "md5";
    }
    if (pw.startsWith("$4$") || pw.startsWith("$5$") || pw.startsWith("$6$")) {
      return "crypt";
    }
    return "plain";
  }

  static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  /** Entries for tests and the parser: the root menu's items. */
  List<MenuItem> items() {
    return root.build();
  }

  /** Used by {@link SyslinuxEntries}: an Entry for a stanza that boots no file. */
  static Entry other(SyslinuxLabel l, String kernel, String args) {
    return new Entry(l.title(), l.label, List.of(), kernel, List.of(), args, Optional.empty(),
        Entry.Kind.OTHER, Optional.empty(), l.passwd == null, new ArrayList<>(l.lines));
  }
}
