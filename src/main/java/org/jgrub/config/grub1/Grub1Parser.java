package org.jgrub.config.grub1;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.DevicePath;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.config.Submenu;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.ParseContext;

/**
 * GRUB legacy (0.97) menu.lst / grub.conf, read as stage2 reads it: commands before the first
 * {@code title} set up the menu, each {@code title} starts an entry holding the commands that
 * follow, unknown commands are skipped, and a title with no commands is dropped. A
 * {@code configfile} before any title replaces the menu (stage2 restarts); inside an entry it
 * becomes a submenu. {@code default saved} reads the "default" file beside the config.
 */
public final class Grub1Parser implements ConfigParser {
  /** stage2's MAX_FALLBACK_ENTRIES. */
  static final int MAX_FALLBACKS = 8;

  @Override
  public String format() {
    return Grub1Format.INSTANCE.name();
  }

  @Override
  public Menu parse(ConfigFile file, GuestFiles files) throws IOException {
    ParseContext ctx = new ParseContext(files.bounds().limits(), files);
    String text = ctx.text(file.path(), file.content());
    List<String> chain = new ArrayList<>();
    Grub1File top = new Reader(ctx, file.device()).read(file.device(), file.path(), text, 0, chain);
    // stage2 drops fallback entries past the end of the menu.
    List<Integer> fallbacks = new ArrayList<>();
    for (int n : top.fallbacks) {
      if (n < top.items.size()) {
        fallbacks.add(n);
      }
    }
    Optional<String> fallback = fallbacks.isEmpty()
        ? Optional.empty() : Optional.of(Integer.toString(fallbacks.get(0)));
    String spec = "";
    if (top.defaultArg != null) {
      int n;
      if (top.defaultArg.equals("saved")) {
        n = SavedDefault.read(ctx, top.device, top.path, top.defaultLine);
      } else {
        n = Grub1Numbers.parse(top.defaultArg);
        if (n < 0) {
          ctx.warn(top.path, top.defaultLine, "default '" + top.defaultArg
              + "' is not a number; GRUB uses entry 0");
          n = 0;
        }
      }
      if (n >= top.items.size() && !top.items.isEmpty()) {
        // stage2: a default past the end becomes the first valid fallback, else entry 0.
        int use = fallbacks.isEmpty() ? 0 : fallbacks.get(0);
        ctx.warn(top.path, top.defaultLine, "default " + n + " is past the last of the "
            + top.items.size() + " entries; GRUB uses entry " + use);
        n = use;
        if (!fallbacks.isEmpty()) {
          fallbacks.remove(0);
          fallback = fallbacks.isEmpty()
              ? Optional.empty() : Optional.of(Integer.toString(fallbacks.get(0)));
        }
      }
      spec = Integer.toString(n);
    }
    return new Menu(Grub1Format.INSTANCE, file.path(), top.items, spec, fallback, top.timeout, top.hidden,
        top.password, ctx.warnings());
  }

  /** One parse: the context and the device of the top-level config. */
  private static final class Reader {
    private final ParseContext ctx;
    private final String topDevice;

    Reader(ParseContext ctx, String topDevice) {
      this.ctx = ctx;
      this.topDevice = topDevice;
    }

    Grub1File read(String device, String path, String text, int depth, List<String> chain)
        throws IOException {
      chain.add(key(device, path));
      try {
        return readFile(device, path, text, depth, chain);
      } finally {
        chain.remove(chain.size() - 1);
      }
    }

    private Grub1File readFile(String device, String path, String text, int depth,
        List<String> chain) throws IOException {
      Grub1File f = new Grub1File(device, path);
      // A file has fewer commands than bytes; the bound only stops a pathological split.
      List<Grub1Command> cmds = Grub1Lines.commands(text, ctx.limits().configFileBytes);
      Grub1Entry cur = null;
      for (Grub1Command c : cmds) {
        String name = c.name();
        if (name.equals("title")) {
          finish(f, cur, depth, chain);
          cur = new Grub1Entry(ctx.bound(c.arg(), path, c.line(), "title"), c.line());
          continue;
        }
        if (!Grub1Keywords.KNOWN.contains(name)) {
          ctx.warn(path, c.line(), "unknown command '" + cut(name) + "' skipped (GRUB skips it too)");
          continue;
        }
        if (cur != null) {
          cur.commands.add(c);
          entryCommand(cur, c, path);
          continue;
        }
        switch (name) {
          case "default" -> {
            f.defaultArg = ConfigText.firstWord(c.arg());
            f.defaultLine = c.line();
          }
          case "fallback" -> {
            f.fallbacks.clear();
            String rest = c.arg();
            while (!rest.isEmpty() && f.fallbacks.size() < MAX_FALLBACKS) {
              int n = Grub1Numbers.parse(ConfigText.firstWord(rest));
              if (n < 0) {
                ctx.warn(path, c.line(), "fallback '" + cut(c.arg()) + "' is not a list of numbers");
                break;
              }
              f.fallbacks.add(n);
              rest = ConfigText.afterFirstWord(rest);
            }
          }
          case "timeout" -> {
            int n = Grub1Numbers.parse(c.arg());
            if (n < 0) {
              ctx.warn(path, c.line(), "timeout '" + cut(c.arg()) + "' is not a number; ignored");
            } else {
              f.timeout = n;
            }
          }
          case "hiddenmenu" -> f.hidden = true;
          case "password" -> f.password = password(c, path);
          case "configfile" -> {
            // Stage2 restarts with the new file: nothing read so far survives.
            Optional<Grub1File> next = follow(c, Optional.empty(), device, path, depth, chain);
            if (next.isPresent()) {
              return next.get();
            }
          }
          default -> {
            // Menu-time commands with no effect on the menu model (color, splashimage, serial,
            // terminal, ...) and boot-time commands outside any entry.
          }
        }
      }
      finish(f, cur, depth, chain);
      return f;
    }

    private void entryCommand(Grub1Entry e, Grub1Command c, String path) {
      String arg = c.arg();
      switch (c.name()) {
        case "root", "rootnoverify" -> {
          if (arg.isEmpty()) {
            return;
          }
          DevicePath dp = DevicePath.split(arg);
          if (dp.device() == null) {
            ctx.warn(path, c.line(), c.name() + " '" + cut(arg) + "' is not a (device); ignored");
          } else {
            e.root = Optional.of(dp.device());
          }
        }
        case "kernel" -> kernel(e, c, path);
        case "kernel$", "module$" -> entryCommand(e, SolarisGrub.expand(c, e.bootfs), path);
        case "bootfs" -> e.bootfs = bounded(ConfigText.firstWord(arg), path, c);
        case "findroot" -> {
          Optional<String> r = SolarisGrub.findroot(arg);
          if (r.isEmpty()) {
            ctx.warn(path, c.line(), "findroot '" + cut(arg) + "' is not (SIGNATURE,PART[,SLICE]); ignored");
          } else {
            e.root = r;
          }
        }
        case "initrd" -> e.initrd = bounded(ConfigText.firstWord(arg), path, c);
        case "module", "modulenounzip" -> {
          if (e.modules.size() < ctx.limits().menuEntries) {
            e.modules.add(new Grub1Entry.Module(bounded(ConfigText.firstWord(arg), path, c),
                bounded(ConfigText.afterFirstWord(arg), path, c)));
          }
        }
        case "chainloader" -> {
          String a = arg;
          if (a.startsWith("--force")) {
            a = ConfigText.afterFirstWord(a);
          }
          e.chainloader = bounded(ConfigText.firstWord(a), path, c);
        }
        case "configfile" -> e.configfile = c;
        case "lock" -> e.locked = true;
        case "password" -> e.ownPassword = true;
        default -> {
          // savedefault (jgrub never writes), makeactive, map, hide, boot, ...: no effect here.
        }
      }
    }

    /** {@code kernel [--type=TYPE] [--no-mem-option] FILE [ARGS]} (stage2 kernel_func). */
    private void kernel(Grub1Entry e, Grub1Command c, String path) {
      String a = c.arg();
      String type = "";
      while (a.startsWith("--")) {
        String opt = ConfigText.firstWord(a);
        if (opt.startsWith("--type=")) {
          type = opt.substring("--type=".length());
        } else if (!opt.equals("--no-mem-option")) {
          break;
        }
        a = ConfigText.afterFirstWord(a);
      }
      if (!type.isEmpty() && !type.equals("linux") && !type.equals("biglinux")
          && !type.equals("multiboot") && !type.equals("netbsd") && !type.equals("freebsd")
          && !type.equals("openbsd")) {
        ctx.warn(path, c.line(), "kernel --type=" + cut(type) + " is not a GRUB type; ignored");
        type = "";
      }
      String file = ConfigText.firstWord(a);
      if (file.isEmpty()) {
        ctx.warn(path, c.line(), "kernel without a file name");
        return;
      }
      e.kernel = bounded(file, path, c);
      e.kernelArgs = bounded(ConfigText.afterFirstWord(a), path, c);
      e.kernelType = type;
      e.modules.clear();
    }

    private void finish(Grub1File f, Grub1Entry e, int depth, List<String> chain)
        throws IOException {
      if (e == null) {
        return;
      }
      if (e.commands.isEmpty()) {
        ctx.warn(f.path, e.line, "entry '" + cut(e.title) + "' has no commands; GRUB drops it");
        return;
      }
      if (!ctx.takeEntry(f.path, e.line)) {
        return;
      }
      Optional<String> defaultRoot = Objects.equals(f.device, topDevice) || f.device == null
          ? Optional.empty() : Optional.of(Grub1Devices.toLegacy(f.device));
      if (e.configfile != null) {
        Optional<Grub1File> sub = follow(e.configfile, e.root, f.device, f.path, depth, chain);
        List<MenuItem> items = sub.isPresent() ? sub.get().items : List.of();
        f.items.add(new Submenu(e.title, "", items));
        return;
      }
      f.items.add(e.toEntry(defaultRoot));
    }

    /** Reads the file a configfile command names, within the depth bound and off any cycle. */
    private Optional<Grub1File> follow(Grub1Command c, Optional<String> root, String device,
        String path, int depth, List<String> chain) throws IOException {
      String target = ConfigText.firstWord(c.arg());
      DevicePath dp = DevicePath.split(target);
      String dev = device;
      Optional<String> legacy = dp.device() != null ? Optional.of(dp.device()) : root;
      if (legacy.isPresent()) {
        Optional<String> mapped = Grub1Devices.toGuestDevice(legacy.get(), ctx.files().devices());
        if (mapped.isEmpty()) {
          ctx.warn(path, c.line(), "configfile " + cut(target) + ": no device (" + legacy.get() + ")");
          return Optional.empty();
        }
        dev = mapped.get();
      }
      if (depth + 1 > ctx.limits().includeDepth) {
        ctx.warn(path, c.line(), "configfile " + cut(target) + " nested deeper than "
            + ctx.limits().includeDepth + "; not read");
        return Optional.empty();
      }
      if (chain.contains(key(dev, dp.path()))) {
        ctx.warn(path, c.line(), "configfile " + cut(target) + " loops back to a file being read; not read");
        return Optional.empty();
      }
      Optional<String> text = ctx.readInclude(dev, dp.path(), path, c.line());
      if (text.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(read(dev, dp.path(), text.get(), depth + 1, chain));
    }

    /** {@code password [--md5|--encrypted] PASSWD [NEW-CONFIG-FILE]}. */
    private Optional<Password> password(Grub1Command c, String path) {
      String a = c.arg();
      String scheme = "plain";
      String first = ConfigText.firstWord(a);
      if (first.equals("--md5")) {
        scheme = "md5";
        a = ConfigText.afterFirstWord(a);
      } else if (first.equals("--encrypted")) {
        scheme = "crypt";
        a = ConfigText.afterFirstWord(a);
      }
      String value = ConfigText.firstWord(a);
      if (value.isEmpty()) {
        ctx.warn(path, c.line(), "password without a value; ignored");
        return Optional.empty();
      }
      String file = ConfigText.afterFirstWord(a);
      if (!file.isEmpty()) {
        ctx.warn(path, c.line(), "password: jgrub does not load " + cut(file)
            + " after the password is entered");
      }
      return Optional.of(new Password(scheme, bounded(value, path, c), "", List.of()));
    }

    private String bounded(String s, String path, Grub1Command c) {
      return ctx.bound(s, path, c.line(), c.name());
    }

    private static String key(String device, String path) {
      return device + ":" + path;
    }
  }

  /** A name cut short for a warning message. */
  static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
