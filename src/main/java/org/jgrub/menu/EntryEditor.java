package org.jgrub.menu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Entry;

/**
 * The 'e' screen, as GRUB legacy and pygrub have it: the entry's lines in the box; Up/Down select
 * a line, Enter or 'e' edits it in place, 'o'/'O' open a new line after/before it, 'd' deletes it,
 * 'b' or ^X boots the edited entry, Esc goes back to the menu and forgets the edit.
 */
final class EntryEditor {
  /** Lines one entry may grow to while editing. */
  static final int MAX_LINES = 1000;

  private final BootMenu menu;
  private final Screen screen;
  private final Layout layout;
  private final KeyReader keys;
  private final Entry original;
  private final List<String> lines;
  private int selected;
  private int top;
  private String message = "";

  EntryEditor(BootMenu menu, Entry original) {
    this.menu = menu;
    this.screen = menu.screen();
    this.layout = menu.layout();
    this.keys = menu.keys();
    this.original = original;
    this.lines = new ArrayList<>(EntryLines.editable(original, menu.menu().format()));
  }

  /** The edited entry to boot, or null when the user went back (or the input ended). */
  Entry run() throws IOException {
    while (true) {
      draw(-1, null);
      int k = keys.next(-1);
      if (k == Keys.EOF || k == Keys.ESC) {
        return null;
      }
      message = "";
      int n = lines.size();
      if (Keys.isEnter(k) || k == 'e') {
        if (n > 0) {
          editLine(selected, false);
        }
        continue;
      }
      switch (k) {
        case Keys.UP:
        case Keys.CTRL_P:
          selected = Math.max(0, selected - 1);
          break;
        case Keys.DOWN:
        case Keys.CTRL_N:
          selected = Math.max(0, Math.min(n - 1, selected + 1));
          break;
        case Keys.HOME:
          selected = 0;
          break;
        case Keys.END:
          selected = Math.max(0, n - 1);
          break;
        case Keys.PAGE_UP:
          selected = Math.max(0, selected - layout.visible);
          break;
        case Keys.PAGE_DOWN:
          selected = Math.max(0, Math.min(n - 1, selected + layout.visible));
          break;
        case 'o':
          open(n == 0 ? 0 : selected + 1);
          break;
        case 'O':
          open(selected);
          break;
        case 'd':
          if (n > 0) {
            lines.remove(selected);
            selected = Math.max(0, Math.min(selected, lines.size() - 1));
          }
          break;
        case 'b':
        case Keys.CTRL_X:
          Entry e = boot();
          if (e != null) {
            return e;
          }
          break;
        case Keys.CTRL_L:
          screen.invalidate();
          break;
        default:
          break;
      }
    }
  }

  private Entry boot() throws IOException {
    EntryLines.Applied a = EntryLines.apply(menu.menu(), original, lines, menu.files());
    if (a.entry() == null) {
      message = "Cannot boot: " + a.error() + ".";
      return null;
    }
    if (!menu.mayBootEntry(a.entry())) {
      message = "Access denied.";
      return null;
    }
    return a.entry();
  }

  private void open(int at) throws IOException {
    if (lines.size() >= MAX_LINES) {
      message = "The entry has too many lines.";
      return;
    }
    lines.add(at, "");
    selected = at;
    if (!editLine(at, true)) {
      lines.remove(at);
      selected = Math.max(0, Math.min(at, lines.size() - 1));
    }
  }

  /** Edits line {@code i} in place; false when cancelled (the line is then left as it was). */
  private boolean editLine(int i, boolean fresh) throws IOException {
    LineEditor ed = new LineEditor(lines.get(i), false);
    while (true) {
      draw(i, ed);
      int k = keys.next(-1);
      if (k == Keys.EOF) {
        return false;
      }
      if (k == Keys.CTRL_L) {
        screen.invalidate();
        continue;
      }
      int r = ed.handle(k);
      if (r == LineEditor.CANCEL) {
        return false;
      }
      if (r == LineEditor.ACCEPT) {
        lines.set(i, ed.text());
        return true;
      }
    }
  }

  private void draw(int editing, LineEditor ed) throws IOException {
    screen.clear();
    screen.put(Layout.TITLE_ROW, "    Editing: " + Text.clip(original.title(), 60));
    top = menu.drawBox(lines, selected, top);
    int h = layout.helpRow;
    if (ed != null) {
      screen.put(h, "    [ Minimal line editing: Left/Right, ^A/^E, ^K, Backspace, Delete.");
      screen.put(h + 1, "      Enter accepts the line, Esc cancels the change. ]");
    } else {
      screen.put(h, "    Use the Up and Down keys to select a line. Press 'b' or ^X to boot,");
      screen.put(h + 1, "    'e' or Enter to edit the selected line, 'o' to open a new line");
      screen.put(h + 2, "    after ('O' for before) the selected line, 'd' to remove it, or Esc");
      screen.put(h + 3, "    to go back to the main menu (the changes are forgotten).");
    }
    menu.putMessage(message);
    int row = Layout.BOX_TOP + 1 + (selected - top);
    if (ed != null && editing == selected) {
      int width = layout.textWidth();
      String view = ed.view(width);
      screen.put(
          row,
          layout.boxRow(view, '|'),
          layout.textColumn(),
          layout.textColumn());
      screen.cursor(row, layout.textColumn() + ed.cursorColumn());
    } else {
      screen.cursor(row, layout.boxRight);
    }
    screen.send();
  }
}
