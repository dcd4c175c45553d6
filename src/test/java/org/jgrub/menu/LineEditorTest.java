package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Emacs-style line editor, key by key. */
class LineEditorTest {
  private static LineEditor typed(String initial, int... keys) {
    LineEditor ed = new LineEditor(initial, false);
    for (int k : keys) {
      ed.handle(k);
    }
    return ed;
  }

  private static int[] chars(String s) {
    int[] out = new int[s.length()];
    for (int i = 0; i < s.length(); i++) {
      out[i] = s.charAt(i);
    }
    return out;
  }

  @Test
  void insertsAtTheCursor() {
    LineEditor ed = typed("root=/dev/xvda1 ro", Keys.CTRL_A);
    for (int c : chars("init=/bin/sh ")) {
      ed.handle(c);
    }
    assertEquals("init=/bin/sh root=/dev/xvda1 ro", ed.text());
    assertEquals(13, ed.cursor());
  }

  @Test
  void movesAndKills() {
    assertEquals("abc", typed("abcdef", Keys.LEFT, Keys.LEFT, Keys.LEFT, Keys.CTRL_K).text());
    assertEquals("def", typed("abcdef", Keys.LEFT, Keys.LEFT, Keys.LEFT, Keys.CTRL_U).text());
    assertEquals("", typed("abcdef", Keys.HOME, Keys.CTRL_K).text());
    assertEquals("abcdf", typed("abcdef", Keys.CTRL_B, Keys.CTRL_B, Keys.DELETE).text());
    assertEquals("abcdf", typed("abcdef", Keys.CTRL_B, Keys.CTRL_B, Keys.CTRL_D).text());
    assertEquals("abcef", typed("abcdef", Keys.CTRL_B, Keys.CTRL_B, Keys.DEL).text());
    assertEquals("abcef", typed("abcdef", Keys.CTRL_B, Keys.CTRL_B, Keys.BACKSPACE_H).text());
    assertEquals(
        "Xabcdef", typed("abcdef", Keys.CTRL_A, Keys.RIGHT, Keys.CTRL_F, Keys.HOME, 'X').text());
    assertEquals("abcdefY", typed("abcdef", Keys.CTRL_A, Keys.CTRL_E, 'Y').text());
    assertEquals("abcdefZ", typed("abcdef", Keys.HOME, Keys.END, 'Z').text());
  }

  @Test
  void editsAtTheEdgesAreHarmless() {
    assertEquals("", typed("", Keys.DEL, Keys.DELETE, Keys.LEFT, Keys.RIGHT, Keys.CTRL_K).text());
    assertEquals("ab", typed("ab", Keys.DELETE, Keys.RIGHT).text());
    assertEquals("b", typed("ab", Keys.HOME, Keys.DELETE, Keys.DEL).text());
  }

  @Test
  void enterAcceptsEscapeAndControlCCancel() {
    LineEditor ed = new LineEditor("x", false);
    assertEquals(LineEditor.CONTINUE, ed.handle('y'));
    assertEquals(LineEditor.ACCEPT, ed.handle(Keys.CR));
    assertEquals(LineEditor.ACCEPT, ed.handle(Keys.LF));
    assertEquals(LineEditor.CANCEL, ed.handle(Keys.ESC));
    assertEquals(LineEditor.CANCEL, ed.handle(Keys.CTRL_C));
  }

  @Test
  void controlAndUnknownKeysInsertNothing() {
    assertEquals(
        "ab", typed("ab", Keys.UNKNOWN, Keys.UP, Keys.PAGE_DOWN, 0x1c, 0x00, Keys.INSERT).text());
    assertEquals("a b", typed("a", Keys.TAB, 'b').text());
  }

  @Test
  void viewScrollsSidewaysToKeepTheCursorVisible() {
    LineEditor ed = new LineEditor("0123456789abcdefghij", false);
    assertEquals("bcdefghij", ed.view(10).substring(0, 9));
    assertEquals(9, ed.cursorColumn());
    for (int i = 0; i < 15; i++) {
      ed.handle(Keys.LEFT);
    }
    // Cursor at 5: the window slides left just enough to show it in the first column.
    assertEquals(5, ed.cursor());
    assertEquals("56789abcde", ed.view(10));
    assertEquals(0, ed.cursorColumn());
    ed.handle(Keys.HOME);
    assertEquals("0123456789", ed.view(10));
    assertEquals(0, ed.cursorColumn());
  }

  @Test
  void maskedViewShowsStarsAndTheTextIsKept() {
    LineEditor ed = typed("", 's', 'e', 'c');
    LineEditor masked = new LineEditor("", true);
    for (int c : chars("sec")) {
      masked.handle(c);
    }
    assertEquals("***", masked.view(20));
    assertEquals("sec", masked.text());
    assertEquals("sec", ed.view(20));
  }

  @Test
  void guestControlCharactersAreShownNeutralised() {
    LineEditor ed = new LineEditor("a\033[2Jb\u009bc", false);
    assertEquals("a?[2Jb?c", ed.view(40));
    assertEquals("a\033[2Jb\u009bc", ed.text());
  }

  @Test
  void lengthIsBounded() {
    LineEditor ed = new LineEditor("x".repeat(LineEditor.MAX_LENGTH + 10), false);
    assertEquals(LineEditor.MAX_LENGTH, ed.text().length());
    ed.handle('y');
    assertEquals(LineEditor.MAX_LENGTH, ed.text().length());
  }
}
