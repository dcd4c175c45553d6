package org.jgrub.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.LauncherFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages packaging/make-dist.sh made (run before this test by `mvn verify`, see pom.xml):
 * lintian has no error on the .deb; the .deb installed for real with dpkg, and the tarball
 * unpacked in a fresh directory, each boot the sample guest from "/" with no java on PATH exactly
 * as the checkout's bin/jgrub does, with their class-data-sharing archive really mapped; xl's
 * bootloader = "jgrub" resolves as libxl resolves it; the .deb is purged at the end and leaves
 * nothing behind. Runs as root (dpkg), as CI does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagingIT {
  private static final Path LIB = Paths.get("/usr/lib/jgrub");
  /** Where packaging/make-dist.sh looks for the JDK of the tarball's runtime (docs/packaging.md). */
  private static final Path TEMURIN = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
  private static final String VERSION = version();
  private static final Path DEB = Paths.get("target/dist/jgrub_" + VERSION + "_amd64.deb").toAbsolutePath();
  private static final Path TARBALL =
      Paths.get("target/dist/jgrub-" + VERSION + "-linux-x86_64.tar.gz").toAbsolutePath();

  @TempDir static Path tmp;
  /** A PATH with the few tools the launcher scripts use (readlink, mkdir, mv, rm, rmdir) and no java. */
  private static Path noJavaPath;

  record Run(int status, String out, String err) {
    String lastErrLine() {
      String[] l = err.strip().split("\n");
      return l[l.length - 1];
    }
  }

  private static String version() {
    try {
      for (String l : Files.readAllLines(Paths.get("target/maven-archiver/pom.properties"))) {
        if (l.startsWith("version=")) {
          return l.substring("version=".length());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("target/maven-archiver/pom.properties: run mvn package", e);
    }
    throw new IllegalStateException("no version in target/maven-archiver/pom.properties");
  }

  static Run run(Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(new java.io.File("/"));
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Path out = Files.createTempFile(tmp, "out", "");
    Path err = Files.createTempFile(tmp, "err", "");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "timed out: " + cmd);
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
        Files.readString(err, StandardCharsets.ISO_8859_1));
  }

  static Run run(String... cmd) throws IOException, InterruptedException {
    return run(null, List.of(cmd));
  }

  /** Runs a launcher as the toolstack would: from "/", no java on PATH. */
  static Run jgrub(String launcher, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher);
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", noJavaPath.toString());
    env.put("TERM", "vt100"); // what libxl sets
    return run(env, cmd);
  }

  /** dpkg, waiting (up to 10 minutes) while another dpkg or apt holds its lock. */
  static Run dpkg(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("dpkg");
    cmd.addAll(List.of(args));
    Run r = run(null, cmd);
    for (int i = 0; i < 120 && r.status() != 0 && r.err().contains("lock"); i++) {
      Thread.sleep(5000);
      r = run(null, cmd);
    }
    return r;
  }

  @BeforeAll
  static void install() throws Exception {
    assertEquals("root", System.getProperty("user.name"), "the packaging tests install a .deb: run them as root");
    assertTrue(Files.isRegularFile(DEB), DEB + " is missing: packaging/make-dist.sh runs before this test");
    noJavaPath = Files.createDirectory(tmp.resolve("path"));
    for (String t : new String[] {"readlink", "mkdir", "mv", "rm", "rmdir"}) {
      Files.createSymbolicLink(noJavaPath.resolve(t), Paths.get("/usr/bin", t));
    }
    Run r = dpkg("-i", DEB.toString());
    assertEquals(0, r.status(), r.out() + r.err());
  }

  @AfterAll
  static void purge() throws Exception {
    Run r = dpkg("--purge", "jgrub");
    assertEquals(0, r.status(), r.out() + r.err());
    assertFalse(Files.exists(LIB, LinkOption.NOFOLLOW_LINKS), "purge left " + LIB);
    for (Path d : xenBinDirs()) {
      assertFalse(Files.exists(d.resolve("jgrub"), LinkOption.NOFOLLOW_LINKS), "purge left " + d + "/jgrub");
    }
  }

  @Test
  @Order(1)
  void lintianFindsNoError() throws Exception {
    Run r = run("lintian", "--fail-on", "error", DEB.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertFalse(r.out().contains("\nE: ") || r.out().startsWith("E: "), r.out());
  }

  /**
   * -l, -q -n and a real -q copy: the same output as the checkout's bin/jgrub, the kernel and
   * ramdisk byte for byte the same.
   */
  private static void bootsLikeTheCheckout(String launcher) throws Exception {
    String img = Fixtures.sample().toAbsolutePath().toString();
    String checkout = Paths.get("bin/jgrub").toAbsolutePath().toString();
    for (String[] args : List.of(new String[] {"-l", img}, new String[] {"-q", "-n", img})) {
      List<String> c = new ArrayList<>();
      c.add(checkout);
      c.addAll(List.of(args));
      Run a = run(null, c);
      Run b = jgrub(launcher, args);
      assertEquals(0, a.status(), a.err());
      assertEquals(0, b.status(), b.err());
      assertEquals(a.out(), b.out());
      // jgrub's own lines only: a JVM warning of the bundled runtime would end up in the
      // toolstack's log (or, on stdout, in what it parses).
      assertEquals(a.err(), b.err());
    }
    Path da = Files.createTempDirectory(tmp, "checkout");
    Path db = Files.createTempDirectory(tmp, "package");
    Run a = run(checkout, "-q", "--output-format=simple", "--output-directory=" + da, img);
    Run b = jgrub(launcher, "-q", "--output-format=simple", "--output-directory=" + db, img);
    assertEquals(0, a.status(), a.err());
    assertEquals(0, b.status(), b.err());
    Map<String, String> ra = simple(a.out());
    Map<String, String> rb = simple(b.out());
    assertEquals(ra.get("args"), rb.get("args"));
    for (String k : new String[] {"kernel", "ramdisk"}) {
      assertTrue(rb.get(k).startsWith(db + "/boot_" + k + "."), b.out());
      assertArrayEquals(Files.readAllBytes(Paths.get(ra.get(k))), Files.readAllBytes(Paths.get(rb.get(k))), k);
    }
  }

  private static Map<String, String> simple(String out) {
    Map<String, String> m = new HashMap<>();
    for (String l : out.split("\n")) {
      int sp = l.indexOf(' ');
      if (sp > 0) {
        m.put(l.substring(0, sp), l.substring(sp + 1));
      }
    }
    assertTrue(m.containsKey("kernel") && m.containsKey("ramdisk") && m.containsKey("args"), out);
    return m;
  }

  /**
   * The archive jgrub.jsa beside jgrub.jar is mapped by a JVM started with the launcher's own
   * flags: -Xshare:on makes the JVM fail instead of silently running without it, and every class a
   * listing loads must come from it.
   */
  private static void archiveIsMapped(Path top) throws Exception {
    assertEquals(top.toString(), Files.readString(top.resolve("jgrub.jsa.path")).strip());
    List<String> cmd = new ArrayList<>();
    cmd.add(top.resolve("runtime/bin/java").toString());
    for (String f : LauncherFlags.read()) {
      if (f.equals("-Xshare:auto")) {
        cmd.add("-Xshare:on");
      } else if (!f.startsWith("-Xlog:")) {
        cmd.add(f);
      }
    }
    cmd.add("-XX:SharedArchiveFile=" + top.resolve("jgrub.jsa"));
    Path log = Files.createTempFile(tmp, "classes", ".log");
    cmd.add("-Xlog:class+load=info:file=" + log);
    cmd.add("-cp");
    cmd.add(top.resolve("jgrub.jar").toString());
    cmd.add("org.jgrub.cli.Main");
    cmd.add("-l");
    cmd.add(Fixtures.sample().toAbsolutePath().toString());
    Run r = run(Map.of("PATH", noJavaPath.toString()), cmd);
    assertEquals(0, r.status(), r.out() + r.err());
    List<String> loaded = Files.readAllLines(log);
    long shared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
    assertTrue(loaded.size() > 300, "classes loaded: " + loaded.size());
    assertTrue(shared * 100 >= loaded.size() * 95L, shared + " of " + loaded.size() + " classes from the archive");
  }

  @Test
  @Order(2)
  void installedDebBootsTheSampleWithoutJavaOnPath() throws Exception {
    bootsLikeTheCheckout("/usr/bin/jgrub");
    Run v = jgrub("/usr/bin/jgrub", "--version");
    assertEquals(0, v.status(), v.err());
    assertTrue(v.out().startsWith("jgrub " + VERSION + "\n"), v.out());
    assertTrue(v.out().contains(" in /usr/lib/jgrub/runtime\n"), v.out());
    assertTrue(Files.isRegularFile(Paths.get("/usr/share/man/man1/jgrub.1.gz")));
    assertTrue(Files.isRegularFile(Paths.get("/usr/share/bash-completion/completions/jgrub")));
    assertTrue(Files.readString(Paths.get("/usr/share/doc/jgrub/copyright"))
        .startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));
  }

  @Test
  @Order(3)
  void installedArchiveIsMapped() throws Exception {
    archiveIsMapped(LIB);
  }

  /** The private bin directories of the Xen installed here: where libxl-save-helper is. */
  private static List<Path> xenBinDirs() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(Paths.get("/usr/lib"), "xen-*")) {
      for (Path p : s) {
        dirs.add(p.resolve("bin"));
      }
    }
    dirs.add(Paths.get("/usr/libexec/xen/bin"));
    dirs.removeIf(d -> !Files.exists(d.resolve("libxl-save-helper")));
    return dirs;
  }

  /**
   * libxl (libxl_bootloader.c) runs a relative bootloader= as PRIVATE_BINDIR/NAME when lstat()
   * finds that, else the bare name through execvp(); then as NAME --output=FIFO
   * --output-format=simple0 --output-directory=DIR DISK, with TERM=vt100.
   */
  @Test
  @Order(4)
  void xlBootloaderNameResolvesInXensBinDir() throws Exception {
    List<Path> dirs = xenBinDirs();
    assertFalse(dirs.isEmpty(), "no Xen private bin directory (xen-utils-4.17 is a test dependency)");
    for (Path d : dirs) {
      Path bl = d.resolve("jgrub");
      assertTrue(Files.exists(bl, LinkOption.NOFOLLOW_LINKS), "lstat " + bl);
      assertEquals(Paths.get("/usr/lib/jgrub/bin/jgrub"), bl.toRealPath());
      Path out = Files.createTempFile(tmp, "bootloader", ".out");
      Path dir = Files.createTempDirectory(tmp, "bootloader");
      Run r = jgrub(bl.toString(), "--output=" + out, "--output-format=simple0", "--output-directory=" + dir,
          Fixtures.sample().toAbsolutePath().toString());
      assertEquals(0, r.status(), r.err());
      String[] fields = Files.readString(out, StandardCharsets.ISO_8859_1).split("\0");
      assertTrue(fields[0].startsWith("kernel " + dir + "/boot_kernel."), fields[0]);
      assertTrue(fields[1].startsWith("ramdisk " + dir + "/boot_ramdisk."), fields[1]);
      assertEquals("args root=/dev/xvda1 ro console=hvc0 quiet", fields[2]);
    }
  }

  @Test
  @Order(5)
  void tarballUnpackedAnywhereBootsAndMapsItsArchive() throws Exception {
    Path where = Files.createTempDirectory(tmp, "unpacked");
    Run t = run("tar", "-xzf", TARBALL.toString(), "-C", where.toString());
    assertEquals(0, t.status(), t.err());
    Path top = where.resolve("jgrub-" + VERSION);
    assertFalse(Files.exists(top.resolve("jgrub.jsa")), "the tarball must not carry an archive for another path");
    bootsLikeTheCheckout(top.resolve("bin/jgrub").toString());
    archiveIsMapped(top);
    // Started as pygrub, through its link, as an administrator replacing pygrub would.
    Run p = jgrub(top.resolve("bin/pygrub").toString(), "--version");
    assertTrue(p.out().contains(" in " + top.resolve("runtime") + "\n"), p.out());
    // A zstd guest: aircompressor's sun.misc.Unsafe use must not make Java 24+ warn on stderr.
    String zstd = Fixtures.image("btrfs/suse.img.xz").toAbsolutePath().toString();
    Run a = run(Paths.get("bin/jgrub").toAbsolutePath().toString(), "-q", "-n", zstd);
    Run b = jgrub(top.resolve("bin/jgrub").toString(), "-q", "-n", zstd);
    assertEquals(0, a.status(), a.err());
    assertEquals(0, b.status(), b.err());
    assertEquals(a.out(), b.out());
    assertEquals(a.err(), b.err());
  }

  /**
   * The point of the tarball's own runtime: where the build machine has Temurin (built against
   * glibc 2.17; CI has it), every ELF file of the unpacked runtime needs at most GLIBC_2.17, so
   * CentOS 7 based dom0s (XCP-ng 8) run it; without Temurin it is the .deb's runtime.
   */
  @Test
  @Order(6)
  void tarballRuntimeRunsOnTheOldestGlibc() throws Exception {
    Path where = Files.createTempDirectory(tmp, "glibc");
    Run t = run("tar", "-xzf", TARBALL.toString(), "-C", where.toString());
    assertEquals(0, t.status(), t.err());
    Path top = where.resolve("jgrub-" + VERSION);
    Run v = jgrub(top.resolve("bin/jgrub").toString(), "--version");
    assertEquals(0, v.status(), v.err());
    String floor = glibcFloor(top.resolve("runtime"));
    if (Files.isExecutable(TEMURIN.resolve("bin/jlink")) && System.getenv("JGRUB_TARBALL_JDK") == null) {
      assertTrue(v.out().contains(" 25.") && v.out().contains("(Eclipse Adoptium)"), v.out());
      assertEquals("2.17", floor, "the newest GLIBC_ symbol version the tarball's runtime needs");
    } else {
      assertEquals(glibcFloor(LIB.resolve("runtime")), floor, "without Temurin the tarball has the .deb's runtime");
    }
  }

  /** The newest GLIBC_x.y symbol version any ELF file under dir needs (objdump -T). */
  private static String glibcFloor(Path dir) throws Exception {
    List<String> elf = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.size(f) >= 4) {
          byte[] head = new byte[4];
          try (var in = Files.newInputStream(f)) {
            if (in.read(head) == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
              elf.add(f.toString());
            }
          }
        }
      }
    }
    assertTrue(elf.size() >= 10, "ELF files in " + dir + ": " + elf);
    int[] max = {0, 0};
    for (String f : elf) {
      Run r = run("objdump", "-T", f);
      assertEquals(0, r.status(), f + ": " + r.err());
      int i = 0;
      while ((i = r.out().indexOf("GLIBC_", i)) >= 0) {
        int j = i += "GLIBC_".length();
        while (j < r.out().length() && (Character.isDigit(r.out().charAt(j)) || r.out().charAt(j) == '.')) {
          j++;
        }
        if (j == i) {
          continue; // GLIBC_PRIVATE
        }
        String[] ver = r.out().substring(i, j).split("\\.");
        int major = Integer.parseInt(ver[0]);
        int minor = ver.length > 1 && !ver[1].isEmpty() ? Integer.parseInt(ver[1]) : 0;
        if (major > max[0] || major == max[0] && minor > max[1]) {
          max[0] = major;
          max[1] = minor;
        }
      }
    }
    return max[0] + "." + max[1];
  }

  @Test
  @Order(7)
  void aBrokenInstallStillEndsInARuntimeErrorLine() throws Exception {
    Path where = Files.createTempDirectory(tmp, "broken");
    Run t = run("tar", "-xzf", TARBALL.toString(), "-C", where.toString());
    assertEquals(0, t.status(), t.err());
    Path top = where.resolve("jgrub-" + VERSION);
    Files.delete(top.resolve("runtime/bin/java"));
    Run r = jgrub(top.resolve("bin/jgrub").toString(), "-q", Fixtures.sample().toAbsolutePath().toString());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().startsWith("RuntimeError: "), r.err());
  }
}
