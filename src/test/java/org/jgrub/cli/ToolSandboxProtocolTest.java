package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the privileged parent of an operator command does with a hostile child's answer: every
 * malformed or oversized record is refused before anything is allocated or written, guest text is
 * sanitised again, and cp's entries can create nothing outside DEST. No sandbox needed: the
 * records are made here as a compromised child could send them.
 */
class ToolSandboxProtocolTest {
  @TempDir Path tmp;

  /** A child's output: the magic, then records. */
  private static final class Answer {
    final ByteArrayOutputStream b = new ByteArrayOutputStream();

    Answer() throws IOException {
      b.write(SandboxProtocol.MAGIC);
    }

    Answer record(int tag, byte[] payload) throws IOException {
      SandboxProtocol.header(b, tag, payload.length);
      b.write(payload);
      return this;
    }

    Answer header(int tag, long len) throws IOException {
      SandboxProtocol.header(b, tag, len);
      return this;
    }

    Answer entry(char kind, List<String> rel, long size, String target) throws IOException {
      return record(SandboxProtocol.CP_ENTRY,
          new CpEntry(kind, "/guest", rel, null, size, target).encode());
    }

    Answer end() throws IOException {
      return header(SandboxProtocol.END, 0);
    }

    DataInputStream in() {
      return new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String print(Answer a, boolean cat) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ToolSandbox.receive(a.in(), new PrintStream(o, true, StandardCharsets.UTF_8), cat);
    return o.toString(StandardCharsets.UTF_8);
  }

  @Test
  void wellFormedOutputIsPrintedWithGuestTextSanitisedAgain() throws IOException {
    Answer ls = new Answer()
        .record(SandboxProtocol.TOOL_TEXT, utf8("boot\n\u001b]0;owned\u0007\n"))
        .record(SandboxProtocol.TOOL_TEXT, utf8("etc\n"))
        .end();
    assertEquals("boot\n?]0;owned?\netc\n", print(ls, false));
    Answer cat = new Answer()
        .record(SandboxProtocol.TOOL_DATA, new byte[] {0, 1, '\n'})
        .record(SandboxProtocol.TOOL_DATA, new byte[] {27})
        .end();
    assertEquals("\0\1\n\u001b", print(cat, true), "cat's bytes are the file's, as in-process");
  }

  @Test
  void malformedOutputIsRefused() throws IOException {
    byte[] noMagic = "JGRUB-SANDBOX-0\n".getBytes(StandardCharsets.US_ASCII);
    assertThrows(CorruptDataException.class, () -> ToolSandbox.receive(
        new DataInputStream(new ByteArrayInputStream(noMagic)), System.out, false));
    List<Answer> bad = List.of(
        new Answer().header(SandboxProtocol.TOOL_TEXT, SandboxProtocol.MAX_TEXT + 1L),
        new Answer().header(SandboxProtocol.TOOL_DATA, SandboxProtocol.MAX_CHUNK + 1L),
        new Answer().header(SandboxProtocol.TOOL_DATA, Long.MIN_VALUE),
        new Answer().header(SandboxProtocol.TOOL_TEXT, 100).record('Q', new byte[0]),
        new Answer().header(SandboxProtocol.TOOL_DATA, 100).record('Q', new byte[0]),
        new Answer().record('Q', new byte[0]).end(),
        new Answer().record(SandboxProtocol.KERNEL_DATA, new byte[4]).end(),
        new Answer().record(SandboxProtocol.TOOL_TEXT, utf8("no end\n")),
        new Answer().record(SandboxProtocol.TOOL_DATA, utf8("no end")),
        new Answer().end().record(SandboxProtocol.TOOL_TEXT, utf8("after the end\n")),
        new Answer().end().record(SandboxProtocol.TOOL_DATA, utf8("after the end")),
        new Answer().header(SandboxProtocol.END, 5));
    for (Answer a : bad) {
      for (boolean cat : new boolean[] {false, true}) {
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> print(a, cat));
        assertTrue(e.getMessage().startsWith("sandboxed child: "), e.getMessage());
      }
    }
    // Raw bytes only for cat: ls and inspect print sanitised text, and cat nothing else.
    Answer raw = new Answer().record(SandboxProtocol.TOOL_DATA, new byte[] {27, '[', '2', 'J'}).end();
    assertThrows(CorruptDataException.class, () -> print(raw, false));
    Answer text = new Answer().record(SandboxProtocol.TOOL_TEXT, utf8("x\n")).end();
    assertThrows(CorruptDataException.class, () -> print(text, true));
  }

  private CpReceiver receiver(Path dest) throws UsageException {
    return CpReceiver.of(new CpTarget(dest, Files.isDirectory(dest), new Preserve(false, false),
        Progress.NONE));
  }

  private List<String> listing(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void cpEntriesCreateTheTreeTheyName() throws IOException {
    Path dest = Files.createDirectory(tmp.resolve("dest"));
    Answer a = new Answer()
        .entry(CpEntry.DIRECTORY, List.of("boot"), 0, null)
        .entry(CpEntry.FILE, List.of("boot", "cfg"), 5, null)
        .record(SandboxProtocol.TOOL_DATA, utf8("ab"))
        .record(SandboxProtocol.TOOL_DATA, utf8("cde"))
        .entry(CpEntry.LINK, List.of("boot", "etc"), 0, "/etc")
        .end();
    receiver(dest).receive(a.in(), System.err);
    assertEquals(List.of("", "boot", "boot/cfg", "boot/etc"), listing(dest));
    assertArrayEquals(utf8("abcde"), Files.readAllBytes(dest.resolve("boot/cfg")));
    assertEquals(Path.of("/etc"), Files.readSymbolicLink(dest.resolve("boot/etc")));
  }

  @Test
  void cpEntriesCannotWriteOutsideDest() throws IOException {
    Path top = Files.createDirectory(tmp.resolve("top"));
    Path dest = Files.createDirectory(top.resolve("dest"));
    Files.createDirectory(dest.resolve("existing"));
    Files.createSymbolicLink(dest.resolve("escape"), top);
    List<Answer> hostile = List.of(
        new Answer().entry(CpEntry.FILE, List.of(".."), 0, null).end(),
        new Answer().entry(CpEntry.FILE, List.of("..", "x"), 0, null).end(),
        new Answer().entry(CpEntry.FILE, List.of("a/../../x"), 0, null).end(),
        new Answer().entry(CpEntry.FILE, List.of("x\0y"), 0, null).end(),
        new Answer().entry(CpEntry.FILE, List.of(""), 0, null).end(),
        new Answer().entry(CpEntry.FILE, List.of(), 0, null).end(),
        // Directories this copy did not create, an existing one or a link, are not written into.
        new Answer().entry(CpEntry.FILE, List.of("existing", "x"), 0, null).end(),
        new Answer().entry(CpEntry.FILE, List.of("escape", "x"), 0, null).end(),
        new Answer().entry(CpEntry.LINK, List.of("l"), 0, "/").entry(CpEntry.FILE, List.of("l", "x"), 0, null).end(),
        // A file's bytes: exactly its size, in data records.
        new Answer().entry(CpEntry.FILE, List.of("big"), 2, null)
            .record(SandboxProtocol.TOOL_DATA, utf8("abc")).end(),
        new Answer().entry(CpEntry.FILE, List.of("short"), 4, null)
            .record(SandboxProtocol.TOOL_DATA, utf8("ab")).end(),
        new Answer().entry(CpEntry.FILE, List.of("empty-record"), 4, null)
            .record(SandboxProtocol.TOOL_DATA, new byte[0]).end(),
        new Answer().entry(CpEntry.FILE, List.of("x"), 0, null).record(SandboxProtocol.TOOL_TEXT, utf8("x\n")).end(),
        new Answer().header(SandboxProtocol.CP_ENTRY, SandboxProtocol.MAX_TEXT + 1L));
    for (Answer a : hostile) {
      JgrubException e =
          assertThrows(JgrubException.class, () -> receiver(dest).receive(a.in(), System.err));
      assertFalse(e.getMessage().isEmpty());
      assertEquals(List.of("", "dest", "dest/escape", "dest/existing"), listing(top).stream()
          .filter(p -> !p.startsWith("dest/") || p.equals("dest/escape") || p.equals("dest/existing"))
          .toList());
      assertFalse(Files.exists(top.resolve("x")));
      assertFalse(Files.exists(dest.resolve("existing/x")));
      // Cleared for the next answer: what a refused answer created before its bad record.
      for (String left : List.of("l", "big", "short", "empty-record", "x")) {
        Files.deleteIfExists(dest.resolve(left));
      }
    }
  }

  @Test
  void malformedCpEntriesAreRefused() throws IOException {
    byte[] good = new CpEntry(CpEntry.FILE, "/g", List.of("a"), new Preserve.Meta(0644, 0, 0,
        FileTime.fromMillis(0), FileTime.fromMillis(0), false), 1, null).encode();
    assertEquals(List.of("a"), CpEntry.decode(good).rel());
    byte[] kind = good.clone();
    kind[0] = 'x';
    byte[] shortRecord = java.util.Arrays.copyOf(good, good.length - 1);
    byte[] longRecord = java.util.Arrays.copyOf(good, good.length + 1);
    byte[] count = good.clone();
    // The count follows the kind and the guest path "/g" (4-byte length, 2 bytes).
    count[7] = (byte) 0xff;
    byte[] strlen = good.clone();
    strlen[1] = 0x7f;
    for (byte[] b : List.of(kind, shortRecord, longRecord, count, strlen)) {
      CorruptDataException e = assertThrows(CorruptDataException.class, () -> CpEntry.decode(b));
      assertTrue(e.getMessage().startsWith("sandboxed child: malformed cp entry"), e.getMessage());
    }
  }
}
