package org.jgrub.menu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.DeviceName;
import org.jgrub.config.DevicePath;
import org.jgrub.config.Discovery;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;

/**
 * The 'c' screen: a small GRUB command line for rescue. Every command but four runs through the
 * bootloader's own interpreter ({@link Discovery#commandLine}: GRUB 2's script engine in the
 * menu's context, or GRUB legacy's commands), so {@code linux}, {@code initrd}, {@code set
 * root=}, {@code search} and the rest do what they do in the config; {@code boot} boots what they
 * loaded, {@code ls [PATH]} and {@code cat FILE} look at the guest's files, {@code help} lists the
 * commands. Up/Down recall earlier commands, Tab completes commands and paths; Esc returns to the
 * menu. A path is {@code (DEVICE)/path} or {@code /path} on the root device. Nothing typed here
 * leaves the guest's files: it only names what to boot.
 */
final class CommandLine {
  /** Bytes of a file {@code cat} shows. */
  static final int CAT_BYTES = 16 * 1024;

  /** Output rows kept for scrolling back into view. */
  static final int MAX_OUTPUT = 500;

  /** Commands kept for Up/Down. */
  static final int MAX_HISTORY = 100;

  private static final String PROMPT = "grub> ";

  private final BootMenu menu;
  private final Screen screen;
  private final Layout layout;
  private final KeyReader keys;
  private final GuestFiles files;
  private final List<String> output = new ArrayList<>();
  private final List<String> typed = new ArrayList<>();
  private final List<String> history = new ArrayList<>();
  /** The language typed here: the bootloader's own command line (GRUB 2's for the others). */
  private final ConfigFormat language;
  /** What the commands typed so far load. */
  private Loaded loaded;

  CommandLine(BootMenu menu) {
    this.menu = menu;
    this.screen = menu.screen();
    this.layout = menu.layout();
    this.keys = menu.keys();
    this.files = menu.files();
    this.language = Discovery.commandLine(menu.menu().format());
    this.loaded = language.load(menu.menu(), null, List.of(), files);
  }

  /** The entry {@code boot} made, or null when the user went back. */
  MenuOutcome run() throws IOException {
    while (true) {
      LineEditor ed = new LineEditor("", false);
      int recalled = history.size();
      String line = null;
      while (line == null) {
        draw(ed);
        int k = keys.next(-1);
        if (k == Keys.EOF) {
          return new MenuOutcome(MenuOutcome.How.CANCELLED, null, List.of());
        }
        if (k == Keys.CTRL_L) {
          screen.invalidate();
          continue;
        }
        // Up/Down (^P/^N) walk back and forth through the commands typed before.
        if (k == Keys.UP || k == Keys.CTRL_P) {
          if (recalled > 0) {
            recalled--;
            ed = new LineEditor(history.get(recalled), false);
          }
          continue;
        }
        if (k == Keys.DOWN || k == Keys.CTRL_N) {
          if (recalled < history.size()) {
            recalled++;
            ed = new LineEditor(recalled < history.size() ? history.get(recalled) : "", false);
          }
          continue;
        }
        if (k == Keys.TAB) {
          ed = complete(ed);
          continue;
        }
        int r = ed.handle(k);
        if (r == LineEditor.CANCEL) {
          return null;
        }
        if (r == LineEditor.ACCEPT) {
          line = ed.text();
        }
      }
      say(PROMPT + line);
      if (!line.trim().isEmpty()) {
        history.add(line);
        if (history.size() > MAX_HISTORY) {
          history.remove(0);
        }
      }
      Entry e = execute(line.trim());
      if (e != null) {
        if (menu.mayBootEntry(e)) {
          return new MenuOutcome(MenuOutcome.How.COMMAND_LINE, e, List.of());
        }
        say("error: access denied.");
      }
    }
  }

  /** Runs one command; returns the entry to boot after {@code boot}, else null. */
  Entry execute(String line) {
    List<String> w = Words.split(line, true, loaded.root().isPresent() ? loaded.root().get() : "");
    if (w.isEmpty()) {
      return null;
    }
    try {
      switch (w.get(0)) {
        case "boot":
          return boot();
        case "ls":
          ls(w);
          return null;
        case "cat":
          cat(w);
          return null;
        case "help":
          help();
          return null;
        default:
          load(line);
          return null;
      }
    } catch (IOException e) {
      say("error: " + e.getMessage());
      return null;
    }
  }

  /**
   * Runs the commands typed so far plus {@code line} through the bootloader's own commands; keeps
   * the line when it raised no error and the files it loads exist.
   */
  private void load(String line) throws IOException {
    List<String> next = new ArrayList<>(typed);
    next.add(line);
    Loaded r = language.load(menu.menu(), null, next, files);
    if (r.messages().size() > loaded.messages().size()) {
      for (String m : r.messages().subList(loaded.messages().size(), r.messages().size())) {
        say("error: " + m);
      }
      return;
    }
    boolean kernelChanged = r.kind() != loaded.kind() || !r.kernel().equals(loaded.kernel())
        || !r.args().equals(loaded.args());
    boolean initrdsChanged = !r.initrds().equals(loaded.initrds());
    if (r.kind() != null && kernelChanged && !exists(r.kernel(), r.root())) {
      return;
    }
    if (initrdsChanged) {
      for (String i : r.initrds()) {
        if (!exists(i, r.root())) {
          return;
        }
      }
    }
    typed.add(line);
    loaded = r;
    if (r.kind() != null && kernelChanged) {
      say("kernel: " + r.kernel() + (r.args().isEmpty() ? "" : "  args: " + r.args()));
    }
    if (initrdsChanged && !r.initrds().isEmpty()) {
      say("initrd: " + String.join(" ", r.initrds()));
    }
  }

  private Entry boot() {
    if (loaded.kind() == null || loaded.kernel().isEmpty()) {
      say("error: you need to load the kernel first.");
      return null;
    }
    return new Entry(
        "Command line", "", List.of(), loaded.kernel(), loaded.initrds(), loaded.args(),
        loaded.root(), loaded.kind(), Optional.empty(), false, typed);
  }

  private void ls(List<String> w) throws IOException {
    if (w.size() < 2) {
      StringBuilder sb = new StringBuilder();
      for (String d : files.devices()) {
        sb.append('(').append(d).append(") ");
      }
      say(sb.toString());
      return;
    }
    Where p = where(w.get(1));
    Optional<List<String>> names = files.list(p.device, p.path);
    if (names.isEmpty()) {
      Optional<GuestFiles.Stat> st = files.stat(p.device, p.path);
      if (st.isPresent()) {
        say(w.get(1) + "  " + st.get().size() + " bytes");
      } else {
        say("error: file '" + w.get(1) + "' not found.");
      }
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (String n : names.get()) {
      if (sb.length() + n.length() + 1 > screen.width() - 2) {
        say(sb.toString());
        sb.setLength(0);
      }
      sb.append(n).append(' ');
    }
    if (sb.length() > 0) {
      say(sb.toString());
    }
  }

  private void cat(List<String> w) throws IOException {
    if (w.size() < 2) {
      say("error: filename expected.");
      return;
    }
    Where p = where(w.get(1));
    Optional<byte[]> data = files.read(p.device, p.path, CAT_BYTES + 1);
    if (data.isEmpty()) {
      say("error: file '" + w.get(1) + "' not found.");
      return;
    }
    byte[] b = data.get();
    int len = Math.min(b.length, CAT_BYTES);
    String s = new String(b, 0, len, StandardCharsets.UTF_8);
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '\n') {
        if (i > start || i < s.length()) {
          say(s.substring(start, i));
        }
        start = i + 1;
      }
    }
    if (b.length > CAT_BYTES) {
      say("[... only the first " + CAT_BYTES + " bytes are shown]");
    }
  }

  private void help() {
    say("linux FILE [ARGS]   (or kernel) the kernel to boot and its arguments");
    say("initrd FILE...      the initial ramdisk(s)");
    say("set root=DEVICE     the device paths are relative to, e.g. hd0,msdos1");
    say("boot                boot what linux/initrd named");
    say("ls [PATH]           list devices, or a directory: ls (hd0,msdos1)/boot");
    say("cat FILE            show a small text file");
  }

  private boolean exists(String path, Optional<String> root) throws IOException {
    Where p = where(path, root);
    Optional<GuestFiles.Stat> st = files.stat(p.device, p.path);
    if (st.isEmpty()) {
      say("error: file '" + path + "' not found.");
      return false;
    }
    if (st.get().directory()) {
      say("error: '" + path + "' is a directory.");
      return false;
    }
    return true;
  }

  private static final String[] COMMANDS = {
    "boot", "cat", "help", "initrd", "initrd16", "initrdefi", "kernel", "linux", "linux16",
    "linuxefi", "ls", "root", "set"
  };

  /**
   * Tab: completes the word before the cursor (when the cursor is at the end of the line) — a
   * command name first, a path on the guest after it — as far as the candidates agree, and lists
   * them when there are several.
   */
  private LineEditor complete(LineEditor ed) throws IOException {
    String text = ed.text();
    if (ed.cursor() != text.length()) {
      return ed;
    }
    int start = text.lastIndexOf(' ') + 1;
    String word = text.substring(start);
    List<String> candidates = new ArrayList<>();
    String prefixDir = "";
    if (text.substring(0, start).trim().isEmpty()) {
      for (String c : COMMANDS) {
        if (c.startsWith(word)) {
          candidates.add(c);
        }
      }
    } else {
      int slash = word.lastIndexOf('/');
      if (slash < 0) {
        return ed;
      }
      prefixDir = word.substring(0, slash + 1);
      Where dir = where(prefixDir);
      Optional<List<String>> names;
      try {
        names = files.list(dir.device, dir.path);
      } catch (IOException e) {
        say("error: " + e.getMessage());
        return ed;
      }
      if (names.isEmpty()) {
        return ed;
      }
      String leaf = word.substring(slash + 1);
      for (String n : names.get()) {
        if (n.startsWith(leaf) && !n.equals(".") && !n.equals("..")) {
          candidates.add(n);
        }
      }
    }
    if (candidates.isEmpty()) {
      return ed;
    }
    String common = candidates.get(0);
    for (String c : candidates) {
      int i = 0;
      while (i < common.length() && i < c.length() && common.charAt(i) == c.charAt(i)) {
        i++;
      }
      common = common.substring(0, i);
    }
    if (candidates.size() > 1) {
      StringBuilder sb = new StringBuilder("possible completions:");
      for (String c : candidates) {
        if (sb.length() + c.length() + 1 > screen.width() - 2) {
          say(sb.toString());
          sb.setLength(0);
        }
        sb.append(' ').append(c);
      }
      say(sb.toString());
    }
    String completed = text.substring(0, start) + prefixDir + common;
    if (candidates.size() == 1 && !common.endsWith("/")) {
      // A directory goes on with '/', anything else ends the word.
      boolean dir = false;
      if (!prefixDir.isEmpty()) {
        Where w = where(prefixDir + common);
        Optional<GuestFiles.Stat> st = files.stat(w.device, w.path);
        dir = st.isPresent() && st.get().directory();
      }
      completed = completed + (dir ? "/" : " ");
    }
    return new LineEditor(completed, false);
  }

  /** A device (null: the config's volume) and a path on it. */
  private static final class Where {
    final String device;
    final String path;

    Where(String device, String path) {
      this.device = device;
      this.path = path;
    }
  }

  private Where where(String arg) {
    return where(arg, loaded.root());
  }

  /** A path as the language writes it, on the device GuestFiles knows by that name. */
  private Where where(String arg, Optional<String> root) {
    DevicePath dp = DevicePath.split(arg);
    String written = dp.device() != null ? dp.device() : root.isPresent() ? root.get() : null;
    String dev = null;
    if (written != null) {
      // GuestFiles speaks GRUB 2 names; the language may write another syntax (GRUB legacy).
      Optional<DeviceName> n = language.device(written);
      dev = n.isPresent() ? n.get().toString() : written;
    }
    String path = dp.path();
    if (path.isEmpty()) {
      path = "/";
    }
    return new Where(dev, path);
  }

  private void say(String s) {
    output.add(s);
    if (output.size() > MAX_OUTPUT) {
      output.remove(0);
    }
  }

  private void draw(LineEditor ed) throws IOException {
    screen.clear();
    screen.put(
        0, "  [ jgrub command line: linux, initrd, set root=, boot, ls, cat, help.");
    screen.put(1, "    Esc returns to the menu. ]");
    int first = 3;
    // As in GRUB's shell, the prompt follows the last line of output; once the output fills the
    // screen, the oldest lines scroll away and the prompt stays on the last row.
    int lastRow = layout.rows - 2;
    int room = Math.max(0, lastRow - first);
    int from = Math.max(0, output.size() - room);
    for (int i = from; i < output.size(); i++) {
      screen.put(first + (i - from), Text.clip(output.get(i), screen.width()));
    }
    int promptRow = Math.min(lastRow, first + (output.size() - from));
    int width = screen.width() - PROMPT.length() - 1;
    String view = ed.view(width);
    screen.put(promptRow, PROMPT + view);
    screen.cursor(promptRow, PROMPT.length() + ed.cursorColumn());
    screen.send();
  }
}
