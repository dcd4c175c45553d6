package org.jgrub.menu;

/**
 * Where things go on the screen, in the arrangement pygrub and GRUB legacy use: a title row, the
 * entries in a box, help text under the box, then a message row, the countdown and a prompt row.
 * Computed once from the terminal size (80x24 when the terminal does not say).
 */
final class Layout {
  static final int TITLE_ROW = 1;
  static final int BOX_TOP = 2;
  /** Rows below the box: a blank, four help rows, a blank, message, blank, countdown, prompt. */
  private static final int BELOW_BOX = 12;

  final int rows;
  final int cols;
  final int boxBottom;
  final int boxLeft;
  final int boxRight;
  /** Entry rows inside the box. */
  final int visible;
  final int helpRow;
  final int messageRow;
  final int countdownRow;
  final int promptRow;

  Layout(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    int boxHeight = Math.max(3, rows - BELOW_BOX - BOX_TOP);
    boxBottom = BOX_TOP + boxHeight - 1;
    visible = boxHeight - 2;
    boxLeft = 1;
    boxRight = Math.max(boxLeft + 8, cols - 2);
    helpRow = boxBottom + 2;
    messageRow = helpRow + 5;
    countdownRow = messageRow + 2;
    promptRow = countdownRow + 1;
  }

  /** Characters of text inside the box (one blank each side of it). */
  int textWidth() {
    return boxRight - boxLeft - 3;
  }

  /** The box's top or bottom border row. */
  String border() {
    return Text.repeat(' ', boxLeft) + "+" + Text.repeat('-', boxRight - boxLeft - 1) + "+";
  }

  /** A row of the box holding {@code text} (clipped and padded), with a right-border mark. */
  String boxRow(String text, char rightMark) {
    return Text.repeat(' ', boxLeft)
        + "| "
        + Text.pad(Text.clip(text, textWidth()), textWidth())
        + " "
        + rightMark;
  }

  /** First highlighted column of a box row. */
  int highlightFrom() {
    return boxLeft + 1;
  }

  /** Column after the last highlighted one. */
  int highlightTo() {
    return boxRight;
  }

  /** Where a line editor inside a box row starts. */
  int textColumn() {
    return boxLeft + 2;
  }
}
