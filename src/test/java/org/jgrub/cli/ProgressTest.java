package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** cp's progress line: its wording, and that it goes nowhere but a terminal's stderr. */
class ProgressTest {
  @Test
  void lineNamesTheFileAndWholeMebibytes() {
    assertEquals("copying /boot/initrd.img: 34 MiB of 60 MiB",
        Progress.line("/boot/initrd.img", 34L << 20 | 12345, 60L << 20));
    assertEquals("copying /x: 0 MiB of 16 MiB", Progress.line("/x", 1000, 16L << 20));
    assertEquals("copying /a?[2J: 1 MiB of 17 MiB",
        Progress.line("/a\u001b[2J", 1L << 20, 17L << 20), "guest names are sanitised");
  }

  @Test
  void aShorterLineCoversTheLongerOneBefore() {
    assertEquals("ab   ", Progress.pad("ab", 5));
    assertEquals("abcdef", Progress.pad("abcdef", 5));
  }

  @Test
  void nothingIsShownUnlessStderrIsATerminal() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream notStderr = new PrintStream(b, true);
    assertSame(Progress.NONE, Progress.forStderr(notStderr));
    Progress.File f = Progress.forStderr(notStderr).start("/big", 1L << 30);
    f.at(1L << 29);
    f.done();
    assertEquals(0, b.size());
  }

  @Test
  void aLargeFileGetsOneLineBlankedAtTheEndASmallOneNone() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Progress p = Progress.to(new PrintStream(b, true));
    Progress.File small = p.start("/small", Progress.SHOWN_FROM - 1);
    small.at(1L << 20);
    small.done();
    assertEquals("", b.toString());
    Progress.File big = p.start("/boot/initrd.img", 60L << 20);
    big.at(34L << 20);
    String shown = "copying /boot/initrd.img: 34 MiB of 60 MiB";
    assertEquals("\r" + shown, b.toString());
    big.done();
    assertEquals("\r" + shown + "\r" + " ".repeat(shown.length()) + "\r", b.toString());
  }
}
