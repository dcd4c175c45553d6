package org.jgrub.menu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.Entry;

/**
 * The bridge between an entry and the lines its editor shows: {@link #editable} gives the lines
 * (the entry's body as written, or lines made from its kernel, initrd and arguments when the
 * parser kept none), {@link #apply} turns edited lines back into an entry for this boot.
 *
 * <p>Only the commands that decide what a PV guest boots are interpreted, the last of each kind
 * winning: {@code linux}, {@code linux16}, {@code linuxefi}, {@code kernel} (kernel and arguments);
 * {@code initrd}, {@code initrd16}, {@code initrdefi} (initrds); {@code multiboot}/{@code
 * multiboot2} with {@code module}/{@code module2} (a multiboot entry; as the parsers do, GRUB 2's
 * keeps the hypervisor as its kernel and the modules as initrds, GRUB legacy's takes the first
 * module as the kernel with its arguments and the other modules as initrds); {@code set root=X}, legacy {@code root X}/{@code rootnoverify X}; {@code
 * chainloader}; syslinux {@code KERNEL}/{@code LINUX} (relative to the config's folder, as the
 * parser resolved the original), {@code APPEND} (its {@code initrd=} becomes the initrd list, as
 * the parser does), {@code INITRD a,b}, {@code COM32}/{@code LOCALBOOT}; LILO {@code image=},
 * {@code initrd=}, {@code append=}.
 * Everything else (insmod, search, echo, if/fi ...) is shown and kept but not run. A group whose
 * lines are unchanged keeps the values the config parser computed, so variables it expanded stay
 * expanded; an edited line expands only {@code $root} (see {@link Words}).
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

  /** What a list of lines boots; groups of lines left unchanged keep the original's values. */
  static Applied apply(Entry orig, ConfigFormat format, List<String> edited) {
    String name = format.name();
    boolean grub2 = !name.equals("grub1") && !name.equals("syslinux") && !name.equals("lilo");
    boolean syslinux = name.equals("syslinux");
    Parsed before = parse(editable(orig, format), grub2, syslinux, "", orig);
    String base = syslinux ? baseDir(orig, before.kernelWord) : "";
    Parsed after = parse(edited, grub2, syslinux, base, orig);
    if (after.kernelLine == null) {
      return new Applied(null, "the entry has no linux or kernel command");
    }
    String kernel;
    String args;
    Entry.Kind kind;
    if (same(before.kernelLine, after.kernelLine) && same(before.argsLine, after.argsLine)) {
      kernel = orig.kernel();
      args = orig.args();
      kind = orig.kind();
    } else {
      kernel = after.kernel;
      args = after.args;
      kind = after.kind;
    }
    List<String> initrds =
        same(before.initrdLines, after.initrdLines) ? orig.initrds() : after.initrds;
    Optional<String> root = same(before.rootLine, after.rootLine) ? orig.root() : after.root;
    if (after.chainloader) {
      kind = Entry.Kind.OTHER;
    }
    if (kernel.isEmpty()) {
      return new Applied(null, "the kernel command names no file");
    }
    Entry e =
        new Entry(
            orig.title(), orig.id(), orig.classes(), kernel, initrds, args, root, kind,
            orig.users(), orig.unrestricted(), edited);
    return new Applied(e, null);
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  /** The interpreted commands of one list of lines. */
  private static final class Parsed {
    String kernelLine;
    String argsLine;
    String initrdLines;
    String rootLine;
    String kernel = "";
    String args = "";
    Entry.Kind kind = Entry.Kind.LINUX;
    List<String> initrds = new ArrayList<>();
    Optional<String> root = Optional.empty();
    boolean chainloader;
    boolean multiboot;
    /** The kernel's path as written (syslinux: before resolving against the config's folder). */
    String kernelWord;
    /** syslinux: the initrd= files of APPEND, or null. */
    List<String> appendInitrds;
  }

  /**
   * The folder syslinux paths are relative to, as the parser resolved them: the original kernel
   * path less the word written on its KERNEL/LINUX line ("/boot/" for "vmlinuz" that the parser
   * made "/boot/vmlinuz"); "/" when that cannot be told.
   */
  private static String baseDir(Entry orig, String word) {
    if (word != null && !word.startsWith("/") && orig.kernel().endsWith(word)) {
      return orig.kernel().substring(0, orig.kernel().length() - word.length());
    }
    return "/";
  }

  private static String resolve(String base, String path) {
    return path.startsWith("/") || base.isEmpty() ? path : base + path;
  }

  private static List<String> commaList(String base, String list) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= list.length(); i++) {
      if (i == list.length() || list.charAt(i) == ',') {
        if (i > start) {
          out.add(resolve(base, list.substring(start, i)));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** syslinux APPEND: initrd= goes to the initrd list (as the parser does), the rest are args. */
  private static void syslinuxAppend(Parsed p, String line, List<String> w, String base) {
    p.argsLine = line;
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < w.size(); i++) {
      String a = w.get(i);
      if (a.startsWith("initrd=")) {
        p.appendInitrds = commaList(base, a.substring(7));
      } else if (!(a.equals("-") && w.size() == 2)) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(a);
      }
    }
    p.args = sb.toString();
  }

  private static Parsed parse(
      List<String> lines, boolean grub2, boolean syslinux, String base, Entry orig) {
    Parsed p = new Parsed();
    p.root = orig.root();
    List<String> modules = new ArrayList<>();
    List<String> moduleArgs = new ArrayList<>();
    StringBuilder moduleText = new StringBuilder();
    for (String raw : lines) {
      String line = raw.trim();
      String rootNow = p.root.isPresent() ? p.root.get() : "";
      List<String> w = Words.split(line, grub2, rootNow);
      if (w.isEmpty()) {
        continue;
      }
      String cmd = w.get(0).toLowerCase(java.util.Locale.ROOT);
      int eq = cmd.indexOf('=');
      if (eq > 0 && grub2) {
        // GRUB 2 script's plain assignment: "root=hd0,msdos2" is "set root=hd0,msdos2".
        if (w.size() == 1 && w.get(0).startsWith("root=")) {
          p.rootLine = line;
          p.root = Optional.of(stripParens(w.get(0).substring(5)));
        }
        continue;
      }
      if (eq > 0) {
        lilo(p, line, cmd.substring(0, eq));
        continue;
      }
      if (syslinux && syslinuxCommand(p, cmd, line, w, base)) {
        continue;
      }
      switch (cmd) {
        case "linux":
        case "linux16":
        case "linuxefi":
        case "kernel":
          kernel(p, line, w, grub2, Entry.Kind.LINUX);
          break;
        case "multiboot":
        case "multiboot2":
          kernel(p, line, w, grub2, Entry.Kind.MULTIBOOT);
          p.multiboot = true;
          break;
        case "module":
        case "module2":
          int at = firstPath(w);
          if (at > 0) {
            modules.add(w.get(at));
            moduleArgs.add(restAfterWord(line, at + 1));
            moduleText.append(line).append('\n');
          }
          break;
        case "initrd":
        case "initrd16":
        case "initrdefi":
          p.initrdLines = line;
          p.initrds = new ArrayList<>();
          for (int i = 1; i < w.size(); i++) {
            p.initrds.add(w.get(i));
          }
          break;
        case "append":
          p.argsLine = line;
          p.args = rest(line, 1);
          break;
        case "root":
        case "rootnoverify":
          if (w.size() > 1) {
            p.rootLine = line;
            p.root = Optional.of(stripParens(w.get(1)));
          }
          break;
        case "set":
          if (w.size() > 1 && w.get(1).startsWith("root=")) {
            p.rootLine = line;
            p.root = Optional.of(stripParens(w.get(1).substring(5)));
          }
          break;
        case "chainloader":
          p.chainloader = true;
          break;
        default:
          break;
      }
    }
    if (p.appendInitrds != null) {
      p.initrds = p.appendInitrds;
      p.initrdLines = p.initrdLines + "\n" + p.argsLine;
    }
    if (p.multiboot || !modules.isEmpty()) {
      if (p.kernelLine != null) {
        p.kind = Entry.Kind.MULTIBOOT;
      }
      p.initrdLines = moduleText.toString();
      if (!grub2 && !modules.isEmpty() && p.kernelLine != null) {
        // The GRUB legacy parser's convention for Xen stanzas (kernel xen.gz + module vmlinuz
        // ARGS + module initrd): the first module is the kernel, the others its initrds.
        p.kernelLine = p.kernelLine + "\n" + moduleText;
        p.kernel = modules.get(0);
        p.args = moduleArgs.get(0);
        p.initrds = new ArrayList<>(modules.subList(1, modules.size()));
      } else {
        p.initrds = modules;
      }
    }
    return p;
  }

  /** The syslinux forms: KERNEL/LINUX FILE, APPEND, INITRD a,b, COM32/LOCALBOOT; true if done. */
  private static boolean syslinuxCommand(
      Parsed p, String cmd, String line, List<String> w, String base) {
    switch (cmd) {
      case "linux":
      case "kernel":
        p.kernelLine = line;
        p.kernelWord = w.size() > 1 ? w.get(1) : "";
        p.kernel = w.size() > 1 ? resolve(base, w.get(1)) : "";
        p.kind = Entry.Kind.LINUX;
        return true;
      case "append":
        syslinuxAppend(p, line, w, base);
        return true;
      case "initrd":
        p.initrdLines = line;
        p.initrds = w.size() > 1 ? commaList(base, w.get(1)) : new ArrayList<>();
        return true;
      case "com32":
      case "localboot":
        p.kernelLine = line;
        p.kernelWord = w.size() > 1 ? w.get(1) : "";
        p.kernel = w.size() > 1 ? resolve(base, w.get(1)) : "";
        p.kind = Entry.Kind.OTHER;
        return true;
      default:
        return false;
    }
  }

  private static void kernel(Parsed p, String line, List<String> w, boolean grub2, Entry.Kind k) {
    p.kernelLine = line;
    p.kind = k;
    int i = 1;
    while (i < w.size() && w.get(i).startsWith("--")) {
      i++;
    }
    p.kernel = i < w.size() ? w.get(i) : "";
    p.kernelWord = p.kernel;
    if (!grub2) {
      // GRUB legacy passes the rest of the line as written.
      p.args = restAfterWord(line, i + 1);
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (int j = i + 1; j < w.size(); j++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      String a = w.get(j);
      // GRUB 2 re-quotes an argument that holds a blank when it builds the command line.
      if (a.indexOf(' ') >= 0) {
        sb.append('"').append(a).append('"');
      } else {
        sb.append(a);
      }
    }
    p.args = sb.toString();
  }

  private static void lilo(Parsed p, String line, String key) {
    String value = unquote(line.substring(line.indexOf('=') + 1).trim());
    switch (key) {
      case "image":
      case "kernel":
        p.kernelLine = line;
        p.kernel = value;
        p.kind = Entry.Kind.LINUX;
        break;
      case "initrd":
        p.initrdLines = line;
        p.initrds = new ArrayList<>();
        p.initrds.add(value);
        break;
      case "append":
        p.argsLine = line;
        p.args = value;
        break;
      default:
        break;
    }
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** The index of the first word after the command that is not an option, or -1. */
  private static int firstPath(List<String> w) {
    for (int i = 1; i < w.size(); i++) {
      if (!w.get(i).startsWith("--")) {
        return i;
      }
    }
    return -1;
  }

  /** "(hd0,0)" and "hd0,0" name the same device; the parsers keep the bare form. */
  private static String stripParens(String d) {
    if (d.length() >= 2 && d.charAt(0) == '(' && d.charAt(d.length() - 1) == ')') {
      return d.substring(1, d.length() - 1);
    }
    return d;
  }

  /** The text after the first {@code skip} blank-separated words. */
  private static String rest(String line, int skip) {
    return restAfterWord(line, skip);
  }

  private static String restAfterWord(String line, int words) {
    int i = 0;
    int n = line.length();
    for (int k = 0; k < words; k++) {
      while (i < n && isBlank(line.charAt(i))) {
        i++;
      }
      while (i < n && !isBlank(line.charAt(i))) {
        i++;
      }
    }
    return line.substring(i).trim();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
