package org.jgrub.config.grub2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrub.config.DevicePath;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Warning;
import org.jgrub.io.Budget;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.io.Limits;

/**
 * Runs a GRUB script (grub-core/script/execute.c): expands words, runs statements, keeps
 * variables, functions and positional parameters, and bounds everything a hostile config could
 * make endless: commands and loop iterations (scriptSteps), call and block depth (scriptDepth),
 * included files (includeDepth), string length (stringBytes) and menu entries (menuEntries).
 */
final class Interp {
  static final int NONE = 0;
  static final int BREAK = 1;
  static final int CONTINUE = 2;
  static final int RETURN = 3;
  /** Unwinds everything: the step budget ran out, or configfile replaced the menu. */
  static final int ABORT = 4;

  final GuestFiles files;
  /** The least a read of a sourced file counts against the include budget. */
  private static final int INCLUDE_MIN_COST = 512;

  final Limits limits;
  final String configDevice;
  private final List<Warning> warnings = new ArrayList<>();
  private final Set<String> warningKeys = new HashSet<>();
  final Map<String, Node.Function> functions = new HashMap<>();
  final List<String[]> passwords = new ArrayList<>();
  /** Where each entry's body ran, for the menu's editor. */
  final java.util.IdentityHashMap<org.jgrub.config.Entry, Grub2Context.Place> places =
      new java.util.IdentityHashMap<>();

  long steps;
  final Budget budget;
  private boolean stepsWarned;
  /** Characters produced by expansion so far: bounds the memory a script can fill. */
  long expanded;
  private boolean expandedWarned;
  int callDepth;
  int includeDepth;
  /** Bytes of sourced files read so far, each read counted as at least one sector. */
  private long includeBytes;
  int items;
  private boolean itemsWarned;

  MenuContext ctx;
  Scope scope;
  String file;
  List<String> params = List.of();
  int status;
  int signal;
  int signalCount;
  EntryRecorder rec;
  /** openSUSE's btrfs-mount-subvol table, global as in GRUB's btrfs module. */
  final List<BtrfsSubvol.Mount> btrfsMounts = new ArrayList<>();

  Interp(GuestFiles files, Limits limits, String configDevice) {
    this.budget = files.bounds().budget();
    this.files = files;
    this.limits = limits;
    this.configDevice = configDevice;
  }

  List<Warning> warnings() {
    return warnings;
  }

  void warn(int line, String message) {
    String f = Text.display(file == null ? "" : file);
    String m = Text.display(message);
    if (warningKeys.add(f + '\n' + line + '\n' + m) && warnings.size() < 1000) {
      warnings.add(new Warning(f, line, m));
    }
  }

  /** Counts one command or loop iteration; false (and ABORT) once the budget is spent. */
  boolean step(int line) {
    try {
      budget.charge(Budget.Kind.SCRIPT_COMMANDS, 1);
    } catch (BudgetExceededException e) {
      // The run is over (the budget stays spent); the parser rethrows it once the script stops.
      signal = ABORT;
      return false;
    }
    if (++steps > limits.scriptSteps) {
      if (!stepsWarned) {
        stepsWarned = true;
        warn(line, "script stopped after " + limits.scriptSteps
            + " commands and loop iterations (a loop that never ends?); the menu holds what was"
            + " defined until then");
      }
      signal = ABORT;
      return false;
    }
    return true;
  }

  /** Counts one menu item; false when the menu is full. */
  boolean newItem(int line) {
    if (++items > limits.menuEntries) {
      if (!itemsWarned) {
        itemsWarned = true;
        warn(line, "more than " + limits.menuEntries + " menu entries; the rest are ignored");
      }
      return false;
    }
    return true;
  }

  // ---- running a script ----

  /** Lexes, parses and runs {@code text} statement by statement, as GRUB reads a config file. */
  void runText(String text, String fileName) {
    String savedFile = file;
    file = fileName;
    try {
      Lexer lx = Lexer.run(text);
      Parser p = new Parser(text, lx.tokens(), limits.scriptDepth);
      while (signal != ABORT) {
        Node n;
        try {
          n = p.next();
        } catch (SyntaxError e) {
          warn(e.line, e.getMessage());
          continue;
        }
        if (n == null) {
          break;
        }
        exec(n);
        if (signal == BREAK || signal == CONTINUE) {
          signal = NONE; // break/continue outside a loop do nothing
        } else if (signal == RETURN && callDepth == 0) {
          signal = NONE; // return outside a function ends the file being read
          break;
        }
      }
      if (lx.error() != null && signal != ABORT) {
        warn(lx.tokens().get(lx.tokens().size() - 1).line(), lx.error());
      }
    } finally {
      file = savedFile;
    }
  }

  int exec(Node n) {
    if (signal != NONE || !step(n.line())) {
      return status;
    }
    if (n instanceof Node.Command c) {
      runCommand(c);
    } else if (n instanceof Node.Block b) {
      execBlock(b);
    } else if (n instanceof Node.If f) {
      execIf(f);
    } else if (n instanceof Node.Loop l) {
      execLoop(l);
    } else if (n instanceof Node.For f) {
      execFor(f);
    } else if (n instanceof Node.Function f) {
      functions.put(f.name(), f);
      status = 0;
    } else if (n instanceof Node.Menu m) {
      MenuDefinition.define(this, m);
    }
    return status;
  }

  int execBlock(Node.Block b) {
    List<Node> body = b.body();
    for (int k = 0; k < body.size() && signal == NONE; k++) {
      exec(body.get(k));
    }
    return status;
  }

  private void execIf(Node.If f) {
    for (int k = 0; k < f.conds().size(); k++) {
      execBlock(f.conds().get(k));
      if (signal != NONE) {
        return;
      }
      if (status == 0) {
        status = 0;
        execBlock(f.bodies().get(k));
        return;
      }
    }
    status = 0;
    if (f.otherwise() != null) {
      execBlock(f.otherwise());
    }
  }

  /** After a loop body: true when the loop must stop (break, or a signal for an outer level). */
  private boolean loopSignal() {
    if (signal == BREAK) {
      if (--signalCount <= 0) {
        signal = NONE;
      }
      return true;
    }
    if (signal == CONTINUE) {
      if (--signalCount <= 0) {
        signal = NONE;
        return false;
      }
      return true;
    }
    return signal != NONE;
  }

  private void execLoop(Node.Loop l) {
    int last = 0;
    while (signal == NONE && step(l.line())) {
      execBlock(l.cond());
      if (signal != NONE) {
        break;
      }
      boolean go = l.until() ? status != 0 : status == 0;
      if (!go) {
        break;
      }
      execBlock(l.body());
      last = status;
      if (loopSignal()) {
        break;
      }
    }
    status = last;
  }

  private void execFor(Node.For f) {
    List<String> values = expand(f.words(), 0);
    status = 0;
    for (String v : values) {
      if (signal != NONE || !step(f.line())) {
        break;
      }
      scope.set(f.name(), v);
      execBlock(f.body());
      if (loopSignal()) {
        break;
      }
    }
  }

  /** Calls a function defined with {@code function NAME { ... }}. */
  void call(Node.Function f, List<String> argv, int line) {
    if (callDepth >= limits.scriptDepth) {
      warn(line, "function '" + f.name() + "' called deeper than " + limits.scriptDepth
          + " levels; call skipped");
      status = 1;
      return;
    }
    List<String> saved = params;
    params = argv.subList(1, argv.size());
    callDepth++;
    try {
      execBlock(f.body());
      if (signal == RETURN) {
        signal = NONE;
      }
    } finally {
      callDepth--;
      params = saved;
    }
  }

  private void runCommand(Node.Command c) {
    List<String> argv = expand(c.words(), 0);
    if (signal != NONE) {
      return;
    }
    if (argv.isEmpty()) {
      status = 0;
      return;
    }
    String name = argv.get(0);
    int eq = name.indexOf('=');
    if (eq > 0 && isName(name, eq)) {
      // "name=value" as a command is an assignment (execute.c checks for '=' in the command name).
      scope.set(name.substring(0, eq), name.substring(eq + 1));
      status = 0;
      return;
    }
    Commands.run(this, argv, c.line());
  }

  static boolean isName(String s, int end) {
    if (end == 0) {
      return false;
    }
    for (int k = 0; k < end; k++) {
      char ch = s.charAt(k);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'
          || (k > 0 && ch >= '0' && ch <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // ---- expansion ----

  String var(String name) {
    char c = name.charAt(0);
    if (c == '?') {
      return Integer.toString(status);
    }
    if (c == '#') {
      return Integer.toString(params.size());
    }
    if (c == '@' || c == '*') {
      return String.join(" ", params);
    }
    if (c >= '0' && c <= '9') {
      if (name.length() > 4) {
        return "";
      }
      int k = Integer.parseInt(name);
      return k >= 1 && k <= params.size() ? params.get(k - 1) : "";
    }
    String v = scope.get(name);
    return v == null ? "" : v;
  }

  /** Expands words from index {@code from} into arguments (unquoted values split into fields). */
  List<String> expand(Word[] words, int from) {
    List<String> out = new ArrayList<>(words.length);
    StringBuilder cur = new StringBuilder();
    for (int w = from; w < words.length; w++) {
      Word word = words[w];
      boolean open = false;
      cur.setLength(0);
      for (int p = 0; p < word.types.length; p++) {
        byte t = word.types[p];
        String text = word.texts[p];
        if (t == Word.LIT || t == Word.QUOTED) {
          cur.append(text);
          open = true;
        } else if (t == Word.QVAR) {
          cur.append(var(text));
          open = true;
        } else {
          String v = var(text);
          int n = v.length();
          int k = 0;
          while (k < n) {
            if (Text.isBlank(v.charAt(k))) {
              if (open) {
                out.add(cur.toString());
                cur.setLength(0);
                open = false;
              }
              k++;
            } else {
              int e = k + 1;
              while (e < n && !Text.isBlank(v.charAt(e))) {
                e++;
              }
              cur.append(v, k, e);
              open = true;
              k = e;
            }
          }
        }
        if (cur.length() > limits.stringBytes) {
          expanded += cur.length();
          warn(word.line, "a word expands to more than " + limits.stringBytes
              + " bytes; command skipped");
          overBudget(word.line);
          return List.of();
        }
      }
      if (open) {
        out.add(cur.toString());
      }
    }
    for (int k = 0; k < out.size(); k++) {
      expanded += out.get(k).length();
    }
    return overBudget(words.length > 0 ? words[0].line : 0) ? List.of() : out;
  }

  /** True (and ABORT) once expansion has produced more text than the budget allows. */
  private boolean overBudget(int line) {
    long budget = EXPANSION_BUDGET_FACTOR * limits.stringBytes;
    if (expanded <= budget) {
      return false;
    }
    if (!expandedWarned) {
      expandedWarned = true;
      warn(line, "script stopped after expanding more than " + budget
          + " characters; the menu holds what was defined until then");
    }
    signal = ABORT;
    return true;
  }

  /** Expansion budget in units of stringBytes: 64 MiB of text by default, far above any config. */
  static final long EXPANSION_BUDGET_FACTOR = 64;

  /**
   * Replaces {@code $name} and {@code ${name}} in a string by their values, as Fedora's blscfg
   * does for the {@code options} of a BLS entry ({@code options $kernelopts}).
   */
  String expandVars(String s) {
    if (s.indexOf('$') < 0) {
      return s;
    }
    Lexer lx = Lexer.run("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    List<Token> t = lx.tokens();
    if (lx.error() != null || t.isEmpty() || t.get(0).kind() != Token.WORD) {
      return s;
    }
    List<String> v = expand(new Word[] {t.get(0).word()}, 0);
    return v.isEmpty() ? "" : v.get(0);
  }

  // ---- files ----

  /** The device a path refers to: its own "(dev)" prefix, else the current $root. */
  DevicePath resolve(String path) {
    DevicePath dp = Text.split(path);
    if (dp.device() != null) {
      // "()/x" (an empty $root in "($root)/x") means the config's own volume to GuestFiles.
      String p = BtrfsSubvol.path(this, dp.path());
      return new DevicePath(dp.device().isEmpty() ? null : dp.device(), p);
    }
    String root = scope.get("root");
    String dev = root == null || root.isEmpty() ? null : Text.stripParens(root);
    String p = dp.path().startsWith("/") ? dp.path() : "/" + dp.path();
    return new DevicePath(dev, BtrfsSubvol.path(this, p));
  }

  /** Reads a guest file as Latin-1 text; empty when missing or larger than configFileBytes. */
  Optional<String> readText(String path, int line) {
    DevicePath dp = resolve(path);
    try {
      Optional<byte[]> b =
          files.read(dp.device(), Text.display(dp.path()), limits.configFileBytes + 1);
      if (b.isEmpty()) {
        return Optional.empty();
      }
      byte[] bytes = b.get();
      if (bytes.length > limits.configFileBytes) {
        warn(line, path + " is larger than " + limits.configFileBytes + " bytes; not read");
        return Optional.empty();
      }
      // includeDepth bounds nesting, not fan-out: a file that sources itself three times runs
      // 3^8 times. Bound the total read (and so the text run) to twice the largest config; a
      // read of a tiny file still counts as a sector, so that fan-out of tiny files is bounded.
      long budget = 2L * limits.configFileBytes;
      long cost = Math.max(bytes.length, INCLUDE_MIN_COST);
      if (includeBytes + cost > budget) {
        warn(line, path + " not read: sourced files already read " + includeBytes
            + " bytes, the limit is " + budget);
        return Optional.empty();
      }
      includeBytes += cost;
      return Optional.of(Text.latin1(bytes, bytes.length));
    } catch (IOException e) {
      warn(line, "cannot read " + path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  Optional<GuestFiles.Stat> stat(String path, int line) {
    DevicePath dp = resolve(path);
    try {
      return files.stat(dp.device(), Text.display(dp.path()));
    } catch (IOException e) {
      warn(line, "cannot examine " + path + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
