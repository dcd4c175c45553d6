package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands under --runas: the reader runs as uid 65534 in the boot sandbox, fed a
 * disk it could not open itself, and prints, and copies, exactly what the in-process command does.
 * Needs root (as SandboxTest), util-linux, and uid 65534 (nobody).
 */
@Tag("root")
class ToolSandboxTest {
  private static final String RUNAS = "--runas=65534";

  @TempDir Path tmp;

  @BeforeEach
  void asRoot() {
    assertEquals("root", System.getProperty("user.name"), "the --runas tests run as root");
  }

  @AfterEach
  void clearName() {
    System.clearProperty(Tools.PROG_PROPERTY);
  }

  /** A copy of the fixture only root can open (mode 0600 in a 0700 directory). */
  private Path privateCopy(Path fixture) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("private-" + fixture.getFileName()),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path disk = dir.resolve(fixture.getFileName().toString());
    Files.copy(fixture, disk);
    Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-------"));
    return disk;
  }

  /** The same command in-process and under --runas: same status, stdout and RuntimeError line. */
  private static ToolsTest.Run same(String... argv) {
    ToolsTest.Run in = ToolsTest.run("jgrub", argv);
    String[] sandboxed = new String[argv.length + 1];
    sandboxed[0] = argv[0];
    sandboxed[1] = RUNAS;
    System.arraycopy(argv, 1, sandboxed, 2, argv.length - 1);
    ToolsTest.Run box = ToolsTest.run("jgrub", sandboxed);
    assertEquals(in.status(), box.status(), String.join(" ", argv) + ": " + box.err());
    assertArrayEquals(in.out(), box.out(), String.join(" ", argv) + ": " + box.text());
    assertEquals(in.err(), box.err(), String.join(" ", argv));
    return box;
  }

  @Test
  void inspectLsAndCatPrintWhatTheyPrintInProcess() throws IOException {
    Path sample = privateCopy(Fixtures.sample());
    Path split = privateCopy(Path.of(ToolsTest.splitBoot()));
    Path hostile = privateCopy(Path.of(ToolsTest.hostile()));
    for (Path d : List.of(sample, split, hostile)) {
      String disk = d.toString();
      assertTrue(same("inspect", disk).text().contains("partition_table:"));
      assertTrue(same("inspect", "--json", disk).text().contains("\"volumes\""));
      assertTrue(same("ls", "-l", "-R", disk, "/").out().length > 100);
    }
    ToolsTest.Run cfg = same("cat", sample.toString(), "/boot/grub/grub.cfg");
    assertTrue(cfg.text().contains("menuentry"), cfg.err());
    assertTrue(same("cat", split.toString(), "1:/etc/hostname").out().length > 0);
    // Eleven data records of 64 KiB at most.
    assertTrue(same("cat", sample.toString(), "/boot/initrd.img-6.1.0-13-amd64").out().length == 704567);
  }

  @Test
  void failuresAreTheChildsOwnMessage() throws IOException {
    Path sample = privateCopy(Fixtures.sample());
    ToolsTest.Run r = same("cat", sample.toString(), "/boot/no-such-file");
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("RuntimeError: /boot/no-such-file not found"), r.err());
    same("ls", sample.toString(), "7:/");
  }

  @Test
  void cpCreatesTheSameTreeAsInProcess() throws IOException {
    Path hostile = privateCopy(Path.of(ToolsTest.hostile()));
    Path split = privateCopy(Path.of(ToolsTest.splitBoot()));
    // Owners past 65535, setuid and sticky bits, times in 1980 and 2100 (fixtures/make-attrs.sh).
    Path attrs = privateCopy(Fixtures.image("attrs/ext4.img.xz"));
    Path in = Files.createDirectory(tmp.resolve("in"));
    Path box = Files.createDirectory(tmp.resolve("box"));
    for (String[] args : new String[][] {
        {hostile.toString(), "/"},
        {split.toString(), "/boot/grub", "1:/etc/hostname"},
        {attrs.toString(), "/attrs/setuid-root", "/attrs/setgid-group", "/attrs/read-only-2100",
            "/attrs/old-1980", "/attrs/no-access", "/attrs/private", "/attrs/sticky",
            "/attrs/link-to-private", "/attrs/hard-a"}}) {
      // --owner alone implies -p: modes, times and the guest's numeric ids.
      List<String> a = new ArrayList<>(List.of("cp", "-r", "--owner"));
      a.addAll(List.of(args));
      a.add(in.toString());
      ToolsTest.Run r = ToolsTest.run("jgrub", a.toArray(String[]::new));
      assertEquals(0, r.status(), r.err());
      a.add(1, RUNAS);
      a.set(a.size() - 1, box.toString());
      ToolsTest.Run s = ToolsTest.run("jgrub", a.toArray(String[]::new));
      assertEquals(0, s.status(), s.err());
    }
    Map<String, String> want = tree(in);
    assertTrue(want.size() > 20, want.toString());
    assertEquals(want, tree(box));
    // One file to a new name, and the refusal to write over an existing one.
    Path one = box.resolve("hostname-copy");
    assertEquals(0, ToolsTest.run("jgrub", "cp", RUNAS, split.toString(), "1:/etc/hostname", one.toString()).status());
    assertArrayEquals(Files.readAllBytes(in.resolve("hostname")), Files.readAllBytes(one));
    ToolsTest.Run again = ToolsTest.run("jgrub", "cp", RUNAS, split.toString(), "1:/etc/hostname", one.toString());
    assertEquals(1, again.status());
    assertTrue(again.err().contains("already exists"), again.err());
  }

  /** Every path below {@code root}: type, mode, mtime, owner, and content or link target. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String v;
        if (Files.isSymbolicLink(p)) {
          v = "l " + Files.readSymbolicLink(p);
        } else {
          v = (Files.isDirectory(p) ? "d " : "f ")
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
              + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
              + " " + Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
              + ":" + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)
              + (Files.isRegularFile(p) ? " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) : "");
        }
        m.put(root.relativize(p).toString(), v);
      }
    }
    m.remove("");
    return m;
  }
}
