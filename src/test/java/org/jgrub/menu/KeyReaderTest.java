package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Decoding of the byte sequences a VT100 (and xterm, in either cursor-key mode) sends. */
class KeyReaderTest {
  private static int first(String bytes) throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type(bytes);
    return new KeyReader(t).next(-1);
  }

  @Test
  void cursorKeysInBothModes() throws IOException {
    assertEquals(Keys.UP, first("\033[A"));
    assertEquals(Keys.DOWN, first("\033[B"));
    assertEquals(Keys.RIGHT, first("\033[C"));
    assertEquals(Keys.LEFT, first("\033[D"));
    assertEquals(Keys.UP, first("\033OA"));
    assertEquals(Keys.DOWN, first("\033OB"));
    assertEquals(Keys.UP, first("\033[1;5A"));
  }

  @Test
  void editingKeys() throws IOException {
    assertEquals(Keys.HOME, first("\033[1~"));
    assertEquals(Keys.HOME, first("\033[7~"));
    assertEquals(Keys.HOME, first("\033[H"));
    assertEquals(Keys.HOME, first("\033OH"));
    assertEquals(Keys.END, first("\033[4~"));
    assertEquals(Keys.END, first("\033[8~"));
    assertEquals(Keys.END, first("\033[F"));
    assertEquals(Keys.PAGE_UP, first("\033[5~"));
    assertEquals(Keys.PAGE_DOWN, first("\033[6~"));
    assertEquals(Keys.DELETE, first("\033[3~"));
    assertEquals(Keys.INSERT, first("\033[2~"));
    assertEquals(Keys.UNKNOWN, first("\033[15~"));
    assertEquals(Keys.UNKNOWN, first("\033OP"));
  }

  @Test
  void plainBytesAndEnter() throws IOException {
    assertEquals('\r', first("\r"));
    assertEquals('e', first("e"));
    assertEquals(0x10, first("\u0010"));
  }

  @Test
  void loneEscapeAfterTheWaitAndEscapeFollowedByAKey() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.esc().type("x");
    KeyReader r = new KeyReader(t);
    assertEquals(Keys.ESC, r.next(-1));
    assertEquals('x', r.next(-1));

    FakeTerminal u = new FakeTerminal();
    u.type("\033x");
    KeyReader s = new KeyReader(u);
    assertEquals(Keys.ESC, s.next(-1));
    assertEquals('x', s.next(-1));

    assertEquals(Keys.ESC, first("\033"));
  }

  @Test
  void brokenOrEndlessSequencesEndAsUnknown() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type("\033[" + "1".repeat(100) + "A" + "q");
    KeyReader r = new KeyReader(t);
    assertEquals(Keys.UNKNOWN, r.next(-1));
    // The rest of the runaway sequence arrives as plain keys; the reader is not stuck.
    int k;
    do {
      k = r.next(-1);
    } while (k == '1');
    assertEquals('A', k);
    assertEquals('q', r.next(-1));
    assertEquals(Keys.UNKNOWN, first("\033[\u0001"));
    assertEquals(Keys.UNKNOWN, first("\033["));
  }

  @Test
  void timeoutAndEndOfInput() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.pause(500).type("z");
    KeyReader r = new KeyReader(t);
    assertEquals(Keys.TIMEOUT, r.next(100));
    assertEquals('z', r.next(1000));
    assertEquals(Keys.EOF, r.next(-1));
  }

  @Test
  void crLfAndCrNulAreOneEnter() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type("\r\n" + "\r\u0000" + "\r" + "x" + "\r").pause(100).type("\n");
    KeyReader r = new KeyReader(t);
    assertEquals('\r', r.next(-1));
    assertEquals('\r', r.next(-1));
    assertEquals('\r', r.next(-1));
    assertEquals('x', r.next(-1));
    assertEquals('\r', r.next(-1));
    // A line feed typed later on its own is a key of its own.
    assertEquals('\n', r.next(-1));
    assertEquals(Keys.EOF, r.next(-1));
  }
}
