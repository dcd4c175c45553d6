package org.jgrub.config.grub2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;

/**
 * GRUB 2's {@code grub.cfg}, interpreted as GRUB's own script engine runs it on Xen's PV platform
 * (grub-core/normal and grub-core/script): the script runs top to bottom with the variables GRUB
 * sets at start-up, then each entry's body runs as it would at boot, and {@code $default},
 * {@code $timeout}, {@code $timeout_style}, {@code $fallback} and {@code $superusers} are read as
 * the script left them.
 *
 * <p>Paths in entries: a kernel or initrd keeps the {@code (device)} prefix when the config wrote
 * one (after expansion, so {@code ($root)/vmlinuz} becomes {@code (hd0,gpt2)/vmlinuz}); a plain
 * path is relative to {@link Entry#root()}, the GRUB device {@code $root} named (without
 * parentheses) when the kernel was loaded.
 */
public final class Grub2Parser implements ConfigParser {
  /** GRUB's feature_* variables (grub-core/normal/main.c as of GRUB 2.12). */
  static final String[] FEATURES = {
    "feature_chainloader_bpb",
    "feature_ntldr",
    "feature_platform_search_hint",
    "feature_default_font_path",
    "feature_all_video_module",
    "feature_menuentry_id",
    "feature_menuentry_options",
    "feature_200_final",
    "feature_nativedisk_cmd",
    "feature_timeout_style",
    "feature_search_cryptodisk_only",
  };

  @Override
  public String format() {
    return Grub2Format.INSTANCE.name();
  }

  @Override
  public Menu parse(ConfigFile file, GuestFiles files) throws IOException {
    Limits limits = files.bounds().limits();
    Limits.check(file.content().length, limits.configFileBytes, file.path() + " size");
    String device = file.device() != null ? file.device() : files.configDevice();
    Interp in = new Interp(files, limits, device);
    Scope top = new Scope(null);
    platform(top, device, file.path());
    MenuContext first = new MenuContext(top);
    in.ctx = first;
    in.scope = top;
    in.runText(Text.latin1(file.content(), file.content().length), file.path());
    in.budget.rethrow();
    in.signal = Interp.NONE;

    MenuContext shown = first.effective();
    in.steps = 0; // entry and submenu bodies get their own budgets, as they run later in GRUB
    in.expanded = 0;
    List<MenuItem> items = MenuBuilder.build(in, shown, 0, "");
    in.budget.rethrow();
    if (items.isEmpty()) {
      StringBuilder why = new StringBuilder();
      for (int k = 0; k < in.warnings().size() && k < 3; k++) {
        why.append("; ").append(in.warnings().get(k));
      }
      throw new NotFoundException(file.path() + " on " + device + ": no menu entries" + why);
    }
    Scope s = shown.scope;
    String dflt = s.get("default");
    String fallback = s.get("fallback");
    String style = s.get("timeout_style");
    boolean hidden = "hidden".equals(style) || "countdown".equals(style);
    return new Menu(Grub2Format.INSTANCE, file.path(), items, dflt == null ? "" : Text.display(dflt),
        fallback == null || fallback.isEmpty() ? Optional.empty() : Optional.of(Text.display(fallback)),
        timeout(s.get("timeout")), hidden, password(in, s.get("superusers")), in.warnings(),
        context(new Grub2Context(shown, in.functions, device, in.places), in));
  }

  private static Grub2Context context(Grub2Context c, Interp in) {
    c.btrfsMounts.addAll(in.btrfsMounts);
    return c;
  }

  /** The variables GRUB's Xen PV platform has before grub.cfg runs, all exported. */
  static void platform(Scope s, String device, String configPath) {
    String dir = Text.latin1View(Text.dirname(configPath));
    String dev = "(" + Text.latin1View(device) + ")";
    put(s, "grub_platform", "xen");
    put(s, "grub_cpu", "x86_64");
    put(s, "root", Text.latin1View(device));
    put(s, "prefix", dev + dir);
    put(s, "cmdpath", dev + dir);
    put(s, "config_directory", dev + dir);
    put(s, "config_file", dev + Text.latin1View(configPath));
    for (String f : FEATURES) {
      put(s, f, "y");
    }
  }

  private static void put(Scope s, String name, String value) {
    s.set(name, value);
    s.export(name);
  }

  /**
   * GRUB reads $timeout with grub_strtol (menu.c): unset, not a number or negative waits for a
   * key (-1).
   */
  static int timeout(String t) {
    if (t == null) {
      return -1;
    }
    String v = t.trim();
    int k = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
    if (k >= v.length() || v.charAt(k) < '0' || v.charAt(k) > '9') {
      return -1;
    }
    long n = TestCommand.toLong(v);
    return n < 0 ? -1 : n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
  }

  /**
   * The password GRUB asks for: the last password set for the first listed superuser (GRUB only
   * enforces passwords when {@code superusers} is set), else the last password defined.
   */
  private static Optional<Password> password(Interp in, String superusers) {
    if (in.passwords.isEmpty()) {
      return Optional.empty();
    }
    List<String> supers = new ArrayList<>();
    if (superusers != null) {
      StringBuilder cur = new StringBuilder();
      for (int k = 0; k <= superusers.length(); k++) {
        char c = k < superusers.length() ? superusers.charAt(k) : ' ';
        if (c == ' ' || c == ',' || c == ';' || c == '|' || c == '&' || c == '\t') {
          if (cur.length() > 0) {
            supers.add(Text.display(cur.toString()));
            cur.setLength(0);
          }
        } else {
          cur.append(c);
        }
      }
    }
    // A later password command for the same user replaces the earlier one (auth.c).
    String[] pick = in.passwords.get(in.passwords.size() - 1);
    if (!supers.isEmpty()) {
      for (String[] p : in.passwords) {
        if (Text.display(p[1]).equals(supers.get(0))) {
          pick = p;
        }
      }
    }
    return Optional.of(new Password(pick[0], Text.display(pick[2]), Text.display(pick[1]), supers));
  }
}
