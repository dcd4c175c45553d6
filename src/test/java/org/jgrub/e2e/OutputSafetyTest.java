package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Renamer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the kernel and ramdisk go, and what is left when a run fails: through the command line,
 * with and without --runas. Needs root (--runas, and the renamer drops to uid 65534), python3 and
 * util-linux.
 */
class OutputSafetyTest {
  private static final String NOBODY = "65534";
  private static final byte[] VICTIM = "root's file, not a kernel\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private String disk;

  @BeforeEach
  void setUp() throws IOException {
    assertEquals("root", System.getProperty("user.name"), "these tests run as root");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    disk = Fixtures.sample().toString();
  }

  private Path dir(String name, String mode) throws IOException {
    Path d = Files.createDirectory(tmp.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
    return d;
  }

  private static List<Path> files(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  private static List<String> withRunas(boolean runas, String... args) {
    List<String> a = new ArrayList<>();
    if (runas) {
      a.add("--runas=" + NOBODY);
    }
    a.addAll(List.of(args));
    return a;
  }

  private static Jgrub run(List<String> args) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60), () -> Jgrub.run(args.toArray(new String[0])));
  }

  @Test
  void aDirectoryOtherUsersCanWriteIsRefusedWithTheFix() throws IOException {
    for (String mode : new String[] {"rwxrwxrwx", "rwxrwxr-x"}) {
      Path shared = dir("shared-" + mode, "rwx------");
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode));
      for (boolean runas : new boolean[] {false, true}) {
        Jgrub r = run(withRunas(runas, "-q", "--output-directory=" + shared, disk));
        assertEquals(1, r.status(), r.err());
        String octal = mode.equals("rwxrwxrwx") ? "0777" : "0775";
        assertTrue(r.lastErrLine().contains("output directory " + shared + " is writable by other users"
            + " (mode " + octal + ") and not sticky"), r.err());
        assertTrue(r.lastErrLine().contains("chmod 0700 " + shared), r.err());
        assertEquals(List.of(), files(shared));
      }
    }
  }

  @Test
  void aDirectoryOwnedByAnotherUserIsRefused() throws IOException {
    Path theirs = dir("theirs", "rwxr-xr-x");
    Files.setAttribute(theirs, "unix:uid", 65534);
    Jgrub r = run(List.of("-q", "--output-directory=" + theirs, disk));
    assertEquals(1, r.status(), r.err());
    assertTrue(r.lastErrLine().contains("belongs to uid 65534"), r.err());
  }

  /**
   * In a sticky world-writable directory (as /tmp) the attacker sees every new name and tries to
   * rename a link over it; the kernel refuses (EPERM), the boot succeeds with the real files, and
   * the victim is untouched.
   */
  @Test
  void aStickyDirectoryIsAcceptedAndTheRenamerLoses() throws Exception {
    Path priv = dir("private", "rwx------");
    Path victim = priv.resolve("victim");
    Files.write(victim, VICTIM);
    Path sticky = dir("sticky", "rwxrwxrwx");
    Files.setAttribute(sticky, "unix:mode", 01777);
    List<String> log;
    try (Renamer attacker = Renamer.start(sticky, victim, tmp)) {
      for (int i = 0; i < 6; i++) {
        Jgrub r = run(withRunas(i % 3 == 2, "-q", "--output-directory=" + sticky, disk));
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(VICTIM, Files.readAllBytes(victim), "run " + i + " wrote the victim");
      }
      log = attacker.stop();
    }
    assertTrue(log.size() >= 12, "the attacker did not see every new file: " + log);
    for (String l : log) {
      assertTrue(l.startsWith("refused ") && l.endsWith(" 1"), "a rename succeeded: " + log);
    }
    List<Path> made = files(sticky);
    assertEquals(12, made.size(), made.toString());
    for (Path p : made) {
      assertTrue(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p.toString());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }
  }

  /** A private directory, as pygrub's default /var/run/xen/pygrub is created (0700), is accepted. */
  @Test
  void aPrivateDirectoryIsAccepted() throws IOException {
    Path priv = dir("var-run-xen-pygrub", "rwx------");
    for (boolean runas : new boolean[] {false, true}) {
      Jgrub r = run(withRunas(runas, "-q", "--output-directory=" + priv, disk));
      assertEquals(0, r.status(), r.err());
    }
    assertEquals(4, files(priv).size());
  }

  /**
   * A failure after the copy: the simple format cannot carry a newline in the arguments, and an
   * --output file that cannot be opened. Both come after the kernel and ramdisk were written; both
   * must remove them.
   */
  @Test
  void aFailureAfterTheCopyLeavesNothing() throws IOException {
    Path out = dir("out", "rwx------");
    for (boolean runas : new boolean[] {false, true}) {
      Jgrub r = run(withRunas(runas, "-q", "--output-format=simple", "--args=a\nb",
          "--output-directory=" + out, disk));
      assertEquals(1, r.status(), r.err());
      assertTrue(r.lastErrLine().contains("simple format cannot represent delimiter-containing value"),
          r.err());
      assertEquals(List.of(), files(out));
      r = run(withRunas(runas, "-q", "--output=" + tmp.resolve("missing/result"),
          "--output-directory=" + out, disk));
      assertEquals(1, r.status(), r.err());
      assertEquals(List.of(), files(out));
    }
  }

  /** Anything but a regular file or a block device is refused at once, naming what it is. */
  @Test
  void aDiskThatIsNoDiskIsRefusedAtOnce() throws Exception {
    Path fifo = tmp.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path sock = tmp.resolve("sock");
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(sock));
      Path out = dir("out", "rwx------");
      String[][] cases = {
        {fifo.toString(), "a FIFO (named pipe)"},
        {"/dev/null", "a character device"},
        {tmp.toString(), "a directory"},
        {sock.toString(), "a socket"},
      };
      for (String[] c : cases) {
        for (boolean runas : new boolean[] {false, true}) {
          for (String mode : new String[] {"-n", "-l", "--entry=0"}) {
            Jgrub r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Jgrub.run(
                withRunas(runas, "-q", mode, "--output-directory=" + out, c[0]).toArray(new String[0])));
            assertEquals(1, r.status(), r.err());
            assertEquals("RuntimeError: " + c[0] + " is " + c[1] + ", not a disk image or block device;"
                + " give the guest's image file or its block device", r.lastErrLine());
          }
        }
      }
      assertEquals(List.of(), files(out));
    }
  }
}
