package org.jgrub.config.lilo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.config.text.GuestPath;
import org.jgrub.config.text.ParseContext;

/**
 * LILO's /etc/lilo.conf: a global section, then image= (a Linux kernel) and other= (another
 * operating system's boot sector) sections. Each image's command line is built as LILO's second
 * stage builds it after "BOOT_IMAGE=label": "ro" or "rw", "root=", then append= and addappend=,
 * or literal= alone. Times are in tenths of a second.
 */
public final class LiloParser implements ConfigParser {
  /** Settings that are LILO's own business wherever they appear (install, disk geometry, ...). */
  private static final Set<String> IGNORED = Set.of(
      "backup", "bios", "bitmap", "bmp-colors", "bmp-retain", "bmp-table", "bmp-timer", "boot",
      "change", "change-rules", "compact", "cylinders", "default-serial", "delay-serial", "disk",
      "fix-table", "force-backup", "geometric", "heads", "hidden", "ignore-table", "inaccessible",
      "install", "large-memory", "lba32", "linear", "loader", "lock", "map", "map-drive",
      "max-sectors", "menu-scheme", "menu-title", "message", "noraid", "nowarn", "optional",
      "normal", "raid-extra-boot", "ramdisk", "range", "reset", "sectors", "serial", "single-key",
      "static-bios-codes", "suppress-boot-time-BIOS-data", "table", "to", "type", "unattended",
      "unsafe", "verbose", "vga", "virtual", "mandatory", "nokbdisable", "master-boot", "bypass",
      "el-torito-bootable-CD", "keytable", "uuid");

  @Override
  public String format() {
    return LiloFormat.INSTANCE.name();
  }

  @Override
  public Menu parse(ConfigFile file, GuestFiles files) throws IOException {
    ParseContext ctx = new ParseContext(files.bounds().limits(), files);
    String path = file.path();
    String text = ctx.text(path, file.content());
    LiloTokens.Result tokens = LiloTokens.items(text, ctx.limits().configFileBytes);
    for (int line : tokens.unclosedQuotes()) {
      ctx.warn(path, line, "a quoted value is not closed before the end of the file");
    }
    LiloImage global = new LiloImage(false, "", 0);
    List<LiloImage> images = new ArrayList<>();
    LiloImage cur = null;
    String defaultLabel = null;
    int defaultLine = 0;
    int timeout = -1;
    int delay = 0;
    boolean prompt = false;
    for (LiloItem it : tokens.items()) {
      String name = it.name();
      String value = it.value() == null ? null : ctx.bound(it.value(), path, it.line(), name);
      switch (name) {
        case "image", "other" -> {
          if (value == null || value.isEmpty()) {
            ctx.warn(path, it.line(), name + " without a value; section ignored");
            cur = null;
          } else if (ctx.takeEntry(path, it.line())) {
            cur = new LiloImage(name.equals("other"), value, it.line());
            images.add(cur);
          } else {
            cur = null;
          }
        }
        case "default" -> {
          defaultLabel = value;
          defaultLine = it.line();
        }
        case "timeout" -> timeout = tenths(value, path, it, ctx);
        case "delay" -> delay = tenths(value, path, it, ctx);
        case "prompt" -> prompt = true;
        case "label" -> target(cur, global).label = value;
        case "alias" -> {
          if (cur != null && value != null) {
            cur.aliases.add(value);
          }
        }
        case "append" -> target(cur, global).append = value;
        case "addappend" -> target(cur, global).addappend = value;
        case "literal" -> target(cur, global).literal = value;
        case "root" -> target(cur, global).root = value;
        case "initrd" -> target(cur, global).initrd = value;
        case "read-only" -> target(cur, global).mode = "ro";
        case "read-write" -> target(cur, global).mode = "rw";
        case "password" -> target(cur, global).password = value;
        case "restricted" -> target(cur, global).restricted = Boolean.TRUE;
        default -> {
          if (!IGNORED.contains(name)) {
            ctx.warn(path, it.line(), "unknown option '" + cut(name) + "' ignored");
          }
        }
      }
      if (cur != null) {
        cur.lines.add(value == null ? name : name + "=" + value);
      }
    }

    List<MenuItem> items = new ArrayList<>();
    List<LiloImage> kept = new ArrayList<>();
    for (LiloImage img : images) {
      Entry e = entry(img, global, path, ctx);
      items.add(e);
      kept.add(img);
    }
    String spec = "";
    if (defaultLabel != null && !kept.isEmpty()) {
      int idx = find(kept, items, defaultLabel);
      if (idx < 0) {
        ctx.warn(path, defaultLine, "default=" + cut(defaultLabel) + " names no image; using the first");
      } else {
        spec = Integer.toString(idx);
      }
    }
    // With prompt, LILO waits "timeout" (forever without one); without it, LILO boots the
    // default after "delay" unless Shift is held: a hidden menu.
    int seconds = prompt ? (timeout < 0 ? -1 : ceilSeconds(timeout)) : ceilSeconds(delay);
    Optional<Password> pw = Optional.empty();
    if (global.password != null && !global.password.isEmpty()) {
      pw = Optional.of(new Password("plain", global.password, "", List.of()));
    }
    return new Menu(LiloFormat.INSTANCE, path, items, spec, Optional.empty(), seconds, !prompt, pw,
        ctx.warnings());
  }

  private static LiloImage target(LiloImage cur, LiloImage global) {
    return cur != null ? cur : global;
  }

  private static Entry entry(LiloImage img, LiloImage global, String path, ParseContext ctx) {
    String label = img.label != null ? img.label : GuestPath.basename(img.path);
    String pw = img.password != null ? img.password : global.password;
    Boolean restricted = img.restricted != null ? img.restricted : global.restricted;
    boolean free = pw == null || Boolean.TRUE.equals(restricted);
    if (img.other) {
      return new Entry(label, label, List.of(), img.path, List.of(), "", Optional.empty(),
          Entry.Kind.OTHER, Optional.empty(), free, img.lines);
    }
    String args;
    String literal = img.literal != null ? img.literal : global.literal;
    if (literal != null) {
      args = literal;
    } else {
      StringBuilder b = new StringBuilder();
      String mode = img.mode != null ? img.mode : global.mode;
      if (mode != null) {
        b.append(mode);
      }
      String root = img.root != null ? img.root : global.root;
      if (root != null && !root.isEmpty()) {
        space(b).append("root=").append(root);
      }
      String append = img.append != null ? img.append : global.append;
      if (append != null && !append.isBlank()) {
        space(b).append(append.strip());
      }
      if (img.addappend != null && !img.addappend.isBlank()) {
        space(b).append(img.addappend.strip());
      }
      args = ctx.bound(b.toString(), path, img.line, "command line");
    }
    String initrd = img.initrd != null ? img.initrd : global.initrd;
    List<String> initrds = initrd == null || initrd.isEmpty()
        ? List.of() : List.of(GuestPath.resolve("/", initrd));
    return new Entry(label, label, List.of(), GuestPath.resolve("/", img.path), initrds, args,
        Optional.empty(), Entry.Kind.LINUX, Optional.empty(), free, img.lines);
  }

  /** The image whose label or alias is {@code name}: exact first, then ignoring case. */
  private static int find(List<LiloImage> images, List<MenuItem> items, String name) {
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < images.size(); i++) {
        List<String> names = new ArrayList<>(images.get(i).aliases);
        names.add(items.get(i).title());
        for (String n : names) {
          if (pass == 0 ? n.equals(name) : n.equalsIgnoreCase(name)) {
            return i;
          }
        }
      }
    }
    return -1;
  }

  private static int tenths(String value, String path, LiloItem it, ParseContext ctx) {
    if (value != null && !value.isEmpty() && value.length() <= 9) {
      boolean digits = true;
      for (int i = 0; i < value.length(); i++) {
        digits &= value.charAt(i) >= '0' && value.charAt(i) <= '9';
      }
      if (digits) {
        return Integer.parseInt(value);
      }
    }
    ctx.warn(path, it.line(), it.name() + "=" + cut(String.valueOf(value))
        + " is not a number of tenths of a second; ignored");
    return it.name().equals("timeout") ? -1 : 0;
  }

  private static int ceilSeconds(int tenths) {
    return (int) ((tenths + 9L) / 10);
  }

  private static StringBuilder space(StringBuilder b) {
    if (b.length() > 0) {
      b.append(' ');
    }
    return b;
  }

  private static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
