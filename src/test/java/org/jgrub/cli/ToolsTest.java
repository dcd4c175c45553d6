package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jgrub ls, cat and cp on disks made by the real tools: the split-boot guest (sfdisk, mke2fs) and
 * an ext4 tree of hostile links (fixtures/make-api.sh), compared with the loop-mount manifest.
 * Under the name pygrub, the same words keep pygrub's meaning.
 */
class ToolsTest {
  @TempDir Path tmp;

  record Run(int status, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  @AfterEach
  void clearName() {
    System.clearProperty(Tools.PROG_PROPERTY);
  }

  static Run run(String prog, String... argv) {
    if (prog == null) {
      System.clearProperty(Tools.PROG_PROPERTY);
    } else {
      System.setProperty(Tools.PROG_PROPERTY, prog);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Main.run(argv, new PrintStream(out, true), new PrintStream(err, true));
    return new Run(rc, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  static String hostile() throws IOException {
    return Fixtures.image("api/hostile-links.img.xz").toString();
  }

  static String splitBoot() throws IOException {
    return Fixtures.image("guests/split-boot.img.xz").toString();
  }

  static Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("api/hostile-links.manifest"));
  }

  @Test
  void underPygrubsNameTheWordsAreDiskNames() {
    for (String prog : new String[] {null, "pygrub"}) {
      for (String[] argv : new String[][] {{"ls"}, {"-l", "ls"}, {"cat", "-q"}, {"inspect", "-l"}}) {
        Run r = run(prog, argv);
        assertEquals(1, r.status());
        String disk = argv[0].startsWith("-") ? argv[1] : argv[0];
        assertTrue(r.err().endsWith("RuntimeError: Unable to access " + disk + "\n"), r.err());
      }
    }
  }

  @Test
  void helpPerCommand() {
    for (String cmd : new String[] {"inspect", "ls", "cat", "cp"}) {
      Run r = run("jgrub", cmd, "--help");
      assertEquals(0, r.status());
      assertTrue(r.text().startsWith("Usage: jgrub " + cmd + " "), r.text());
    }
  }

  @Test
  void failuresAreOneRuntimeErrorLine() throws IOException {
    String[][] bad = {
      {"cat", hostile(), "/etc/nothing"},
      {"cat", hostile(), "/etc"},
      {"ls", hostile(), "7:/"},
      {"ls", splitBoot(), "hd0,gpt1:/"},
      {"cat", hostile(), "etc/fstab"},
      {"ls", "/nonexistent.img", "/"},
      {"ls", hostile(), "/", "-x"},
      {"cp", hostile(), "/dir", tmp.toString()},
    };
    for (String[] argv : bad) {
      Run r = run("jgrub", argv);
      assertEquals(1, r.status(), String.join(" ", argv));
      String[] lines = r.err().split("\n");
      assertTrue(lines[lines.length - 1].startsWith("RuntimeError: "), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }

  @Test
  void catGivesTheBytesTheKernelRead() throws Exception {
    for (Manifest.Item i : manifest().items()) {
      if (i.type() == 'f') {
        Run r = run("jgrub", "cat", hostile(), "/" + i.path());
        assertEquals(0, r.status(), r.err());
        assertEquals(i.sha256(), sha256(r.out()), i.path());
      }
    }
  }

  @Test
  void volumesByNumberGrubNameOrSearch() throws IOException {
    String k = "/vmlinuz-6.1.0-56-amd64";
    byte[] want = run("jgrub", "cat", splitBoot(), "3:" + k).out();
    assertTrue(want.length > 1000);
    for (String spec : new String[] {"hd0,msdos3:", "(hd0,msdos3):", ""}) {
      Run r = run("jgrub", "cat", splitBoot(), spec + k);
      assertEquals(0, r.status(), r.err());
      assertArrayEquals(want, r.out(), spec);
    }
    assertEquals("root filesystem\n", run("jgrub", "cat", splitBoot(), "/etc/hostname").text());
    assertEquals("hostname\n", run("jgrub", "ls", splitBoot(), "1:/etc").text());
    assertEquals("RuntimeError: hd0,msdos2: /etc/hostname not found (no 'etc')",
        run("jgrub", "cat", splitBoot(), "2:/etc/hostname").err().trim());
  }

  @Test
  void lsRecursiveListsWhatTheKernelListed() throws IOException {
    Run r = run("jgrub", "ls", hostile(), "/", "-R");
    assertEquals(0, r.status(), r.err());
    List<String> want = new ArrayList<>();
    want.add("/lost+found");
    for (Manifest.Item i : manifest().items()) {
      want.add(Sanitize.text("/" + i.path()));
    }
    List<String> got = List.of(r.text().split("\n"));
    assertEquals(want.stream().sorted().toList(), got.stream().sorted().toList());
    Run l = run("jgrub", "ls", hostile(), "/dir", "-l");
    assertTrue(l.text().contains("lrwxrwxrwx   1     0     0         11 2026-12-07 12:28 passwd-link"
        + " -> /etc/passwd\n"), l.text());
    assertTrue(l.text().contains("-rw-r--r--   1     0     0          7 2026-12-07 12:28 file.txt\n"),
        l.text());
    assertTrue(l.text().contains("ctl?name"), "control character replaced: " + l.text());
  }

  @Test
  void cpCopiesLinksAsLinksAndWritesNothingOutsideDest() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path dest = Files.createDirectory(tmp.resolve("dest"));
    Run r = run("jgrub", "cp", "-r", hostile(), "/dir", "/etc-link", "/dir-link", "/loop-a",
        "/deep", dest.toString());
    assertEquals(0, r.status(), r.err());
    for (Manifest.Item i : manifest().items()) {
      if (!(i.path().startsWith("dir") || i.path().startsWith("deep") || i.path().equals("etc-link")
          || i.path().equals("loop-a"))) {
        continue;
      }
      Path p = dest.resolve(i.path());
      switch (i.type()) {
        case 'f' -> {
          assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), i.path());
          assertEquals(i.sha256(), sha256(Files.readAllBytes(p)), i.path());
        }
        case 'l' -> {
          assertTrue(Files.isSymbolicLink(p), i.path());
          assertEquals(i.target(), Files.readSymbolicLink(p).toString(), i.path());
        }
        case 'd' -> assertTrue(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), i.path());
        default -> throw new AssertionError(i.path());
      }
    }
    assertEquals("/etc/passwd", Files.readSymbolicLink(dest.resolve("dir/passwd-link")).toString());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(dest, outside), s.sorted().toList());
    }
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void cpNeverWritesThroughWhatIsAlreadyThere() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path dest = Files.createDirectory(tmp.resolve("dest"));
    // A planted link where the guest directory would go, and one where a file would go.
    Files.createSymbolicLink(dest.resolve("dir"), outside);
    Files.createSymbolicLink(dest.resolve("file.txt"), outside.resolve("file.txt"));
    assertEquals(1, run("jgrub", "cp", "-r", hostile(), "/dir", dest.toString()).status());
    assertEquals(1, run("jgrub", "cp", hostile(), "/dir/file.txt", dest.toString()).status());
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(0, s.count());
    }
    // A second copy of the same file into the same place fails and leaves the first alone.
    Path d2 = Files.createDirectory(tmp.resolve("d2"));
    assertEquals(0, run("jgrub", "cp", hostile(), "/etc/fstab", d2.toString()).status());
    Files.writeString(d2.resolve("fstab"), "mine\n");
    Run again = run("jgrub", "cp", hostile(), "/etc/fstab", d2.toString());
    assertEquals(1, again.status());
    assertTrue(again.err().endsWith("fstab already exists (jgrub cp never writes over or through"
        + " an existing name)\n"), again.err());
    assertEquals("mine\n", Files.readString(d2.resolve("fstab")));
    // Named sources that are not one file name are refused.
    Run dots = run("jgrub", "cp", hostile(), "/dir/..", d2.toString());
    assertEquals(1, dots.status());
    assertTrue(dots.err().contains("not a single file name"), dots.err());
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
