package org.jgrub.menu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Selection;
import org.jgrub.config.Submenu;

/**
 * The interactive boot menu on the guest's console, as pygrub and GRUB show it: the entries in a
 * box (submenus open with Enter and close with Esc), a countdown to the default entry that any key
 * stops, 'e' to edit an entry's commands, 'a' to edit its kernel arguments, 'c' for a command line
 * and 'p' for the password that unlocks them. Edits change only this boot.
 *
 * <p>The entry point is {@link #run}; {@link #runOnConsole} wraps it for the real console.
 */
public final class BootMenu {
  private final Menu menu;
  private final GuestFiles files;
  private final Clock clock;
  private final Screen screen;
  private final Layout layout;
  private final KeyReader keys;
  private final Selection defaultSelection;
  private final List<Level> stack = new ArrayList<>();
  private final Gate gate;
  private String message = "";

  /** One menu level on the way down through submenus. */
  private static final class Level {
    final List<MenuItem> items;
    final String title;
    int selected;
    int top;

    Level(List<MenuItem> items, String title, int selected) {
      this.items = items;
      this.title = title;
      this.selected = selected;
    }
  }

  private BootMenu(Menu menu, Terminal term, GuestFiles files, Clock clock) throws IOException {
    this.menu = menu;
    this.files = files;
    this.clock = clock;
    this.screen = new Screen(term);
    this.layout = new Layout(screen.rows(), screen.columns());
    this.keys = new KeyReader(term);
    this.defaultSelection = DefaultChooser.choose(menu);
    this.gate = new Gate(menu, this);
    // Say so when the config's default could not be followed (a missing entry, a submenu).
    if (!defaultSelection.notes().isEmpty()) {
      message = "Note: " + defaultSelection.notes().get(0);
    }
  }

  /**
   * Runs the menu on {@code term} until an entry is chosen, the timeout boots the default, or the
   * input ends. A timeout of 0 returns the default at once without drawing anything (GRUB: "drawing
   * is pointless"); a hidden menu with a timeout waits for a key before it shows itself.
   *
   * @throws org.jgrub.io.NotFoundException when the menu has no entry at all
   */
  public static MenuOutcome run(Menu menu, Terminal term, GuestFiles files, Clock clock)
      throws IOException {
    if (menu.timeoutSeconds() == 0) {
      Selection s = DefaultChooser.choose(menu);
      return new MenuOutcome(MenuOutcome.How.TIMEOUT, s.entry(), s.path());
    }
    return new BootMenu(menu, term, files, clock).loop();
  }

  /**
   * Runs the menu on the process's own console (stdin/stdout in raw mode), restoring the terminal
   * afterwards. A timeout of 0 never touches the terminal.
   *
   * @throws org.jgrub.io.UnsupportedFeatureException when stdin is not a terminal
   */
  public static MenuOutcome runOnConsole(Menu menu, GuestFiles files) throws IOException {
    if (menu.timeoutSeconds() == 0) {
      return run(menu, null, files, SystemClock.INSTANCE);
    }
    try (VtTerminal t = VtTerminal.open(files.bounds().budget())) {
      return run(menu, t, files, SystemClock.INSTANCE);
    }
  }

  // ---------------------------------------------------------------- main menu

  private MenuOutcome loop() throws IOException {
    List<Integer> dpath = defaultSelection.path();
    stack.add(new Level(menu.items(), "", dpath.get(0)));
    long deadline = -1;
    if (menu.timeoutSeconds() > 0) {
      deadline = clock.millis() + menu.timeoutSeconds() * 1000L;
      if (menu.hidden()) {
        int k = waitHidden(deadline);
        if (k == Keys.EOF) {
          return finish(new MenuOutcome(MenuOutcome.How.CANCELLED, null, List.of()));
        }
        if (k == Keys.TIMEOUT) {
          MenuOutcome o = bootDefault();
          if (o != null) {
            return finish(o);
          }
        }
        deadline = -1;
      }
    }
    while (true) {
      long wait = -1;
      int seconds = -1;
      if (deadline >= 0) {
        long left = deadline - clock.millis();
        if (left <= 0) {
          deadline = -1;
          MenuOutcome o = bootDefault();
          if (o != null) {
            return finish(o);
          }
          continue;
        }
        seconds = (int) ((left + 999) / 1000);
        wait = left - (seconds - 1) * 1000L;
      }
      drawMain(seconds);
      int k = keys.next(wait);
      if (k == Keys.TIMEOUT) {
        continue;
      }
      if (k == Keys.EOF) {
        return finish(new MenuOutcome(MenuOutcome.How.CANCELLED, null, List.of()));
      }
      deadline = -1;
      message = "";
      MenuOutcome o = mainKey(k);
      if (o != null) {
        return finish(o);
      }
    }
  }

  private MenuOutcome finish(MenuOutcome o) throws IOException {
    screen.reset();
    return o;
  }

  /** Before a hidden menu shows: a key (shows the menu), TIMEOUT or EOF. */
  private int waitHidden(long deadline) throws IOException {
    while (true) {
      long left = deadline - clock.millis();
      if (left <= 0) {
        return Keys.TIMEOUT;
      }
      int seconds = (int) ((left + 999) / 1000);
      screen.clear();
      screen.put(
          Layout.TITLE_ROW,
          "    Press any key to show the boot menu; booting the default in "
              + seconds
              + (seconds == 1 ? " second." : " seconds."));
      screen.cursor(layout.rows - 1, 0);
      screen.send();
      int k = keys.next(left - (seconds - 1) * 1000L);
      if (k != Keys.TIMEOUT) {
        return k;
      }
    }
  }

  /** The default entry when its time is up, or null when the password prompt refused it. */
  private MenuOutcome bootDefault() throws IOException {
    Entry e = defaultSelection.entry();
    if (!mayBoot(e)) {
      return null;
    }
    return new MenuOutcome(MenuOutcome.How.TIMEOUT, e, defaultSelection.path());
  }

  private Level level() {
    return stack.get(stack.size() - 1);
  }

  private List<Integer> pathOfSelection() {
    List<Integer> p = new ArrayList<>();
    for (Level l : stack) {
      p.add(l.selected);
    }
    return p;
  }

  private MenuOutcome mainKey(int k) throws IOException {
    Level lv = level();
    int n = lv.items.size();
    if (Keys.isEnter(k)) {
      if (n == 0) {
        return null;
      }
      MenuItem it = lv.items.get(lv.selected);
      if (it instanceof Submenu sm) {
        openSubmenu(sm);
        return null;
      }
      Entry e = (Entry) it;
      if (!mayBoot(e)) {
        return null;
      }
      return new MenuOutcome(MenuOutcome.How.CHOSEN, e, pathOfSelection());
    }
    switch (k) {
      case Keys.UP:
      case Keys.CTRL_P:
        lv.selected = Math.max(0, lv.selected - 1);
        return null;
      case Keys.DOWN:
      case Keys.CTRL_N:
        lv.selected = Math.min(n - 1, lv.selected + 1);
        return null;
      case Keys.HOME:
        lv.selected = 0;
        return null;
      case Keys.END:
        lv.selected = n - 1;
        return null;
      case Keys.PAGE_UP:
        lv.selected = Math.max(0, lv.selected - layout.visible);
        return null;
      case Keys.PAGE_DOWN:
        lv.selected = Math.min(n - 1, lv.selected + layout.visible);
        return null;
      case Keys.ESC:
        if (stack.size() > 1) {
          stack.remove(stack.size() - 1);
        }
        return null;
      case Keys.CTRL_L:
        screen.invalidate();
        return null;
      case 'p':
        if (gate.locked()) {
          gate.authenticate();
        }
        return null;
      case 'e':
        return editSelected();
      case 'a':
        return appendSelected();
      case 'c':
        if (!unlocked()) {
          return null;
        }
        return new CommandLine(this).run();
      default:
        return null;
    }
  }

  private void openSubmenu(Submenu sm) {
    int sel = 0;
    // Inside the default's own submenu, start on the default entry.
    List<Integer> here = pathOfSelection();
    List<Integer> dpath = defaultSelection.path();
    if (dpath.size() > here.size()) {
      boolean prefix = true;
      for (int i = 0; i < here.size(); i++) {
        if (!here.get(i).equals(dpath.get(i))) {
          prefix = false;
          break;
        }
      }
      if (prefix) {
        sel = dpath.get(here.size());
      }
    }
    if (sm.items().isEmpty()) {
      message = "This submenu is empty.";
      return;
    }
    stack.add(new Level(sm.items(), sm.title(), Math.min(sel, sm.items().size() - 1)));
  }

  private Entry selectedEntry() {
    Level lv = level();
    if (lv.items.isEmpty()) {
      return null;
    }
    MenuItem it = lv.items.get(lv.selected);
    if (it instanceof Entry e) {
      return e;
    }
    message = "That is a submenu: press Enter to open it.";
    return null;
  }

  private MenuOutcome editSelected() throws IOException {
    Entry e = selectedEntry();
    if (e == null || !unlocked()) {
      return null;
    }
    Entry edited = new EntryEditor(this, e).run();
    if (edited == null) {
      return null;
    }
    return new MenuOutcome(MenuOutcome.How.EDITED, edited, pathOfSelection());
  }

  private MenuOutcome appendSelected() throws IOException {
    Entry e = selectedEntry();
    if (e == null || !unlocked()) {
      return null;
    }
    LineEditor ed = new LineEditor(e.args(), false);
    while (true) {
      screen.clear();
      screen.put(Layout.TITLE_ROW, "    Kernel arguments for: " + Text.clip(e.title(), 50));
      screen.put(
          Layout.TITLE_ROW + 2, "  [ Enter boots with these arguments; Esc returns to the menu.");
      screen.put(Layout.TITLE_ROW + 3, "    Left/Right, ^A/^E, ^K, Backspace and Delete edit. ]");
      promptRow("append> ", ed);
      int k = keys.next(-1);
      if (k == Keys.EOF) {
        return new MenuOutcome(MenuOutcome.How.CANCELLED, null, List.of());
      }
      if (k == Keys.CTRL_L) {
        screen.invalidate();
        continue;
      }
      int r = ed.handle(k);
      if (r == LineEditor.CANCEL) {
        return null;
      }
      if (r == LineEditor.ACCEPT) {
        Entry changed = e.withKernel(e.kernel(), e.initrds(), ed.text().trim());
        if (!mayBoot(e)) {
          return null;
        }
        return new MenuOutcome(MenuOutcome.How.EDITED, changed, pathOfSelection());
      }
    }
  }

  /** Draws a prompt and its editor on the prompt row and places the cursor in it. */
  void promptRow(String prompt, LineEditor ed) throws IOException {
    int width = screen.width() - prompt.length() - 1;
    String view = ed.view(width);
    screen.put(layout.promptRow, prompt + view);
    screen.cursor(layout.promptRow, prompt.length() + ed.cursorColumn());
    screen.send();
  }

  private void drawMain(int seconds) throws IOException {
    Level lv = level();
    screen.clear();
    String heading = "    jgrub boot menu";
    for (int i = 1; i < stack.size(); i++) {
      heading = heading + " > " + stack.get(i).title;
    }
    screen.put(Layout.TITLE_ROW, Text.clip(heading, screen.width()));
    List<String> labels = new ArrayList<>(lv.items.size());
    for (MenuItem it : lv.items) {
      // A submenu keeps its " >" even when its title has to be cut.
      labels.add(
          it instanceof Submenu ? Text.clip(it.title(), layout.textWidth() - 2) + " >" : it.title());
    }
    lv.top = drawBox(labels, lv.selected, lv.top);
    int h = layout.helpRow;
    if (!gate.editingOpen()) {
      screen.put(h, "    Use the Up and Down keys to select which entry is highlighted.");
      screen.put(h + 1, "    Press Enter to boot the selected entry, or 'p' to enter a password");
      screen.put(h + 2, "    to unlock the next set of features.");
      if (stack.size() > 1) {
        screen.put(h + 3, "    Esc returns to the previous menu.");
      }
    } else {
      screen.put(h, "    Use the Up and Down keys to select which entry is highlighted.");
      screen.put(h + 1, "    Press Enter to boot the selected entry, 'e' to edit the commands");
      screen.put(h + 2, "    before booting, 'a' to modify the kernel arguments before booting,");
      screen.put(
          h + 3,
          stack.size() > 1
              ? "    or 'c' for a command line. Esc returns to the previous menu."
              : "    or 'c' for a command line.");
    }
    putMessage(message);
    if (seconds >= 0) {
      drawCountdown(seconds);
    }
    int selRow = Layout.BOX_TOP + 1 + (lv.selected - lv.top);
    screen.cursor(selRow, layout.boxRight);
    screen.send();
  }

  /**
   * The countdown. When the default is inside a submenu the highlighted row is only the submenu,
   * so the countdown names the entry that will boot; a title too long for one row puts the time
   * on the row below (the prompt row, unused while the countdown runs), and is cut only when even
   * that row is too narrow.
   */
  private void drawCountdown(int seconds) {
    String tail = "in " + seconds + (seconds == 1 ? " second." : " seconds.");
    if (defaultSelection.path().size() < 2) {
      screen.put(layout.countdownRow, "    Will boot selected entry " + tail);
      return;
    }
    String title = Text.clean(defaultSelection.entry().title());
    String head = "    Will boot '";
    int width = screen.width() - 1;
    if (head.length() + title.length() + 2 + tail.length() <= width) {
      screen.put(layout.countdownRow, head + title + "' " + tail);
    } else if (layout.promptRow < layout.rows - 1) {
      screen.put(layout.countdownRow, head + Text.clip(title, width - head.length() - 1) + "'");
      screen.put(layout.promptRow, "    " + tail);
    } else {
      int room = Math.max(8, width - head.length() - 2 - tail.length());
      screen.put(layout.countdownRow, head + Text.clip(title, room) + "' " + tail);
    }
  }

  /** Shows a message on the message row, wrapped onto the row below it when it is long. */
  void putMessage(String text) {
    int width = screen.width() - 4;
    String t = Text.clean(text);
    if (t.length() <= width) {
      screen.put(layout.messageRow, t.isEmpty() ? "" : "    " + t);
      return;
    }
    int cut = t.lastIndexOf(' ', width);
    if (cut <= 0) {
      cut = width;
    }
    screen.put(layout.messageRow, "    " + t.substring(0, cut));
    screen.put(layout.messageRow + 1, "    " + Text.clip(t.substring(cut).trim(), width));
  }

  /**
   * Draws {@code labels} in the box with {@code selected} highlighted, scrolled from {@code top}
   * just enough to show the selection; returns the new top.
   */
  int drawBox(List<String> labels, int selected, int top) {
    int vis = layout.visible;
    int t = top;
    if (selected < t) {
      t = selected;
    } else if (selected >= t + vis) {
      t = selected - vis + 1;
    }
    t = Math.max(0, Math.min(t, Math.max(0, labels.size() - vis)));
    screen.put(Layout.BOX_TOP, layout.border());
    for (int i = 0; i < vis; i++) {
      int idx = t + i;
      int row = Layout.BOX_TOP + 1 + i;
      char mark = '|';
      if (i == 0 && t > 0) {
        mark = '^';
      } else if (i == vis - 1 && idx < labels.size() - 1) {
        mark = 'v';
      }
      String label = idx < labels.size() ? labels.get(idx) : "";
      if (idx == selected) {
        screen.put(row, layout.boxRow(label, mark), layout.highlightFrom(), layout.highlightTo());
      } else {
        screen.put(row, layout.boxRow(label, mark));
      }
    }
    screen.put(layout.boxBottom, layout.border());
    return t;
  }

  // ---------------------------------------------------------------- passwords

  /** Whether editing and the command line are open; asks for the password when locked. */
  private boolean unlocked() throws IOException {
    return gate.editingOpen() || gate.authenticate();
  }

  private boolean mayBoot(Entry e) throws IOException {
    return gate.mayBoot(e);
  }

  void setMessage(String text) {
    message = text;
  }

  /** Reads one line on the prompt row under the current frame; null on Esc or EOF. */
  String prompt(String label, boolean masked) throws IOException {
    LineEditor ed = new LineEditor("", masked);
    while (true) {
      drawMain(-1);
      promptRow("    " + label, ed);
      int k = keys.next(-1);
      if (k == Keys.EOF) {
        return null;
      }
      if (k == Keys.CTRL_L) {
        screen.invalidate();
        continue;
      }
      int r = ed.handle(k);
      if (r == LineEditor.CANCEL) {
        return null;
      }
      if (r == LineEditor.ACCEPT) {
        return ed.text();
      }
    }
  }

  // ---------------------------------------------------------------- shared with the sub-screens

  Screen screen() {
    return screen;
  }

  Layout layout() {
    return layout;
  }

  KeyReader keys() {
    return keys;
  }

  Menu menu() {
    return menu;
  }

  GuestFiles files() {
    return files;
  }

  /** Lets a sub-screen ask whether an entry may boot (the GRUB 2 password). */
  boolean mayBootEntry(Entry e) throws IOException {
    return mayBoot(e);
  }

}
