package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --runas: the parser runs as an unprivileged user in fresh namespaces with no capabilities, fed
 * the disk as a descriptor it could not open itself. Needs root (as libxl runs bootloaders, and as
 * CI runs), util-linux, and uid 65534 (nobody).
 */
@Tag("root")
class SandboxTest {
  private static final String NOBODY = "65534";

  @TempDir Path tmp;
  private Path disk;
  private Path out;

  @BeforeEach
  void privateDisk() throws IOException {
    assertEquals("root", System.getProperty("user.name"), "the --runas tests run as root");
    Path dir = Files.createDirectory(tmp.resolve("private"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    disk = dir.resolve("guest.img");
    Files.copy(Fixtures.sample(), disk);
    Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-------"));
    out = Files.createDirectory(tmp.resolve("out"));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.toList();
    }
  }

  @Test
  void bootsFromADiskTheUserCannotOpen() throws IOException {
    Jgrub r = Jgrub.run("--runas=" + NOBODY, "-q", "--output-directory=" + out, disk.toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-13-amd64", BootFiles.kernelSize("13"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-13-amd64", BootFiles.initrdSize("13"));
    assertEquals(2, files().size());
  }

  @Test
  void childHasNoPrivilegesAndItsOwnNamespaces() throws IOException {
    Jgrub r = Jgrub.run("--runas=" + NOBODY, "-q", "-n", "--debug", disk.toString());
    assertEquals(0, r.status(), r.err());
    String e = r.err();
    assertTrue(e.contains("sandbox child Uid: 65534 65534 65534 65534"), e);
    assertTrue(e.contains("sandbox child Gid: 65534 65534 65534 65534"), e);
    assertTrue(Pattern.compile("sandbox child Groups: *\\n").matcher(e).find(), e);
    assertTrue(e.contains("sandbox child NoNewPrivs: 1"), e);
    assertTrue(e.contains("sandbox child CapEff: 0000000000000000"), e);
    assertTrue(e.contains("sandbox child CapBnd: 0000000000000000"), e);
    for (String ns : new String[] {"net", "ipc", "mnt", "uts"}) {
      String mine = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
      Matcher m = Pattern.compile("sandbox child ns " + ns + " (\\S+)").matcher(e);
      assertTrue(m.find(), e);
      assertTrue(!m.group(1).equals(mine), ns + " namespace is shared with the parent: " + mine);
    }
  }

  @Test
  void listingAndNotReallyTravelBack() throws IOException {
    Jgrub l = Jgrub.run("--runas=" + NOBODY, "-q", "-l", disk.toString());
    assertEquals(0, l.status(), l.err());
    assertEquals(Jgrub.run("-l", disk.toString()).out(), l.out());
    Jgrub n = Jgrub.run("--runas=" + NOBODY, "-q", "-n", "--entry=3", disk.toString());
    assertEquals(Jgrub.run("-q", "-n", "--entry=3", disk.toString()).out(), n.out());
  }

  @Test
  void childFailureIsExitOneWithItsMessageAndNoFiles() throws IOException {
    Jgrub r =
        Jgrub.run(
            "--runas=" + NOBODY, "-q", "--output-directory=" + out, "--kernel=/boot/vmlinuz",
            "--ramdisk=/boot/none", disk.toString());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().startsWith("RuntimeError: /boot/none not found on partition 1 (ext4)"), r.err());
    assertEquals(List.of(), files());
  }

  @Test
  void sizeLimitAppliesToWhatTheChildSends() throws IOException {
    org.jgrub.io.Limits.Builder b = org.jgrub.io.Limits.DEFAULT.toBuilder();
    b.bootFileBytes = 500_000;
    // The child enforces its own (default) limit; the parent's smaller one must still hold.
    Jgrub r = Jgrub.run(b.build(), "--runas=" + NOBODY, "-q", "--output-directory=" + out, disk.toString());
    assertEquals(1, r.status(), r.out());
    assertTrue(r.lastErrLine().contains("passes the limit of 500000 bytes"), r.err());
    assertEquals(List.of(), files());
  }
}
