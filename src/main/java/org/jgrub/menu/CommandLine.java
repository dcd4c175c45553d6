package org.jgrub.menu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;

/**
 * The 'c' screen: a small GRUB command line for rescue. {@code linux}/{@code kernel FILE [ARGS]},
 * {@code initrd FILE...}, {@code set root=DEVICE} (or {@code root DEVICE}) and {@code boot} build an
 * entry; {@code ls [PATH]} and {@code cat FILE} look at the guest's files; {@code help} lists the
 * commands; Up/Down recall earlier commands; Esc returns to the menu. A path is {@code (DEVICE)/path} or {@code /path} on the root
 * device (the config's volume until {@code root} is set). Nothing typed here leaves the guest's
 * files: it only names what to boot.
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
  private String kernel;
  private String args = "";
  private List<String> initrds = new ArrayList<>();
  private Optional<String> root = Optional.empty();

  CommandLine(BootMenu menu) {
    this.menu = menu;
    this.screen = menu.screen();
    this.layout = menu.layout();
    this.keys = menu.keys();
    this.files = menu.files();
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
    List<String> w = Words.split(line, true, root.isPresent() ? root.get() : "");
    if (w.isEmpty()) {
      return null;
    }
    String cmd = w.get(0);
    try {
      switch (cmd) {
        case "linux":
        case "linux16":
        case "linuxefi":
        case "kernel":
          if (linux(w)) {
            typed.add(line);
          }
          return null;
        case "initrd":
        case "initrd16":
        case "initrdefi":
          if (initrd(w)) {
            typed.add(line);
          }
          return null;
        case "set":
          set(w);
          typed.add(line);
          return null;
        case "root":
          if (w.size() < 2) {
            say("root is " + (root.isPresent() ? root.get() : "the config's volume"));
          } else {
            root = Optional.of(stripParens(w.get(1)));
            typed.add(line);
          }
          return null;
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
          say("error: can't find command '" + cmd + "'.");
          return null;
      }
    } catch (IOException e) {
      say("error: " + e.getMessage());
      return null;
    }
  }

  private boolean linux(List<String> w) throws IOException {
    if (w.size() < 2) {
      say("error: filename expected.");
      return false;
    }
    if (!exists(w.get(1))) {
      return false;
    }
    kernel = w.get(1);
    StringBuilder sb = new StringBuilder();
    for (int i = 2; i < w.size(); i++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(w.get(i));
    }
    args = sb.toString();
    initrds = new ArrayList<>();
    say("kernel: " + kernel + (args.isEmpty() ? "" : "  args: " + args));
    return true;
  }

  private boolean initrd(List<String> w) throws IOException {
    if (kernel == null) {
      say("error: you need to load the kernel first.");
      return false;
    }
    if (w.size() < 2) {
      say("error: filename expected.");
      return false;
    }
    List<String> list = new ArrayList<>();
    for (int i = 1; i < w.size(); i++) {
      if (!exists(w.get(i))) {
        return false;
      }
      list.add(w.get(i));
    }
    initrds = list;
    say("initrd: " + String.join(" ", list));
    return true;
  }

  private void set(List<String> w) {
    if (w.size() < 2) {
      say("root=" + (root.isPresent() ? root.get() : ""));
      return;
    }
    String a = w.get(1);
    if (a.startsWith("root=")) {
      root = Optional.of(stripParens(a.substring(5)));
    } else {
      say("note: only 'set root=DEVICE' matters here; ignored.");
    }
  }

  private Entry boot() {
    if (kernel == null) {
      say("error: you need to load the kernel first.");
      return null;
    }
    return new Entry(
        "Command line", "", List.of(), kernel, initrds, args, root, Entry.Kind.LINUX,
        Optional.empty(), false, typed);
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

  private boolean exists(String path) throws IOException {
    Where p = where(path);
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
    String dev = root.isPresent() ? stripParens(root.get()) : null;
    String path = arg;
    if (arg.startsWith("(")) {
      int close = arg.indexOf(')');
      if (close > 0) {
        dev = arg.substring(1, close);
        path = arg.substring(close + 1);
      }
    }
    if (path.isEmpty()) {
      path = "/";
    }
    return new Where(dev, path);
  }

  private static String stripParens(String d) {
    if (d.length() >= 2 && d.charAt(0) == '(' && d.charAt(d.length() - 1) == ')') {
      return d.substring(1, d.length() - 1);
    }
    return d;
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
    int promptRow = layout.rows - 2;
    int room = Math.max(0, promptRow - first);
    int from = Math.max(0, output.size() - room);
    for (int i = from; i < output.size(); i++) {
      screen.put(first + (i - from), Text.clip(output.get(i), screen.width()));
    }
    int width = screen.width() - PROMPT.length() - 1;
    String view = ed.view(width);
    screen.put(promptRow, PROMPT + view);
    screen.cursor(promptRow, PROMPT.length() + ed.cursorColumn());
    screen.send();
  }
}
