package org.jgrub.menu;

/**
 * A one-line editor with the Emacs keys GRUB's own editor knows: Left/Right (^B/^F), Home/End
 * (^A/^E), ^K kills to the end, ^U to the start, Backspace and Delete (^D) remove a character,
 * Enter accepts, Esc (or ^C) cancels. The text scrolls sideways when it is wider than its field.
 */
final class LineEditor {
  /** {@link #handle} results. */
  static final int CONTINUE = 0;

  static final int ACCEPT = 1;
  static final int CANCEL = 2;

  /** Characters one line may hold: far above any kernel command line (COMMAND_LINE_SIZE 2048). */
  static final int MAX_LENGTH = 4096;

  private final StringBuilder buf;
  private final boolean masked;
  private int cursor;
  private int offset;

  LineEditor(String initial, boolean masked) {
    String s = initial.length() > MAX_LENGTH ? initial.substring(0, MAX_LENGTH) : initial;
    this.buf = new StringBuilder(s);
    this.masked = masked;
    this.cursor = buf.length();
  }

  String text() {
    return buf.toString();
  }

  int cursor() {
    return cursor;
  }

  /** Applies one key; returns {@link #CONTINUE}, {@link #ACCEPT} or {@link #CANCEL}. */
  int handle(int key) {
    if (Keys.isEnter(key)) {
      return ACCEPT;
    }
    switch (key) {
      case Keys.ESC:
      case Keys.CTRL_C:
        return CANCEL;
      case Keys.LEFT:
      case Keys.CTRL_B:
        if (cursor > 0) {
          cursor--;
        }
        break;
      case Keys.RIGHT:
      case Keys.CTRL_F:
        if (cursor < buf.length()) {
          cursor++;
        }
        break;
      case Keys.HOME:
      case Keys.CTRL_A:
        cursor = 0;
        break;
      case Keys.END:
      case Keys.CTRL_E:
        cursor = buf.length();
        break;
      case Keys.CTRL_K:
        buf.setLength(cursor);
        break;
      case Keys.CTRL_U:
        buf.delete(0, cursor);
        cursor = 0;
        break;
      case Keys.DEL:
      case Keys.BACKSPACE_H:
        if (cursor > 0) {
          buf.deleteCharAt(cursor - 1);
          cursor--;
        }
        break;
      case Keys.DELETE:
      case Keys.CTRL_D:
        if (cursor < buf.length()) {
          buf.deleteCharAt(cursor);
        }
        break;
      default:
        if ((Keys.isPrintable(key) || key == Keys.TAB) && buf.length() < MAX_LENGTH) {
          buf.insert(cursor, key == Keys.TAB ? ' ' : (char) key);
          cursor++;
        }
        break;
    }
    return CONTINUE;
  }

  /**
   * The part of the text shown in a field {@code width} wide, scrolled so the cursor is visible;
   * call before {@link #cursorColumn()}.
   */
  String view(int width) {
    int w = Math.max(1, width);
    if (cursor < offset) {
      offset = cursor;
    } else if (cursor > offset + w - 1) {
      offset = cursor - w + 1;
    }
    if (offset > buf.length()) {
      offset = buf.length();
    }
    int end = Math.min(buf.length(), offset + w);
    if (masked) {
      return Text.repeat('*', end - offset);
    }
    return Text.clean(buf.substring(offset, end));
  }

  /** The cursor's column inside the field, after {@link #view(int)}. */
  int cursorColumn() {
    return cursor - offset;
  }
}
