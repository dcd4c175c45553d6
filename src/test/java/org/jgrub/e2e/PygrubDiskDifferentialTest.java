package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jgrub against the real pygrub on the same disks: where pygrub succeeds, the printed output
 * (output file names aside) and the copied files must be identical; where it fails, jgrub must
 * boot (each such case is a row in the README).
 */
@Tag("pygrub")
@Tag("python")
class PygrubDiskDifferentialTest {
  private static final Pattern TEMP = Pattern.compile("boot_(kernel|ramdisk)\\.[a-z0-9_]{8}");

  @TempDir Path tmp;

  private static String image(String name) throws IOException {
    if (name.equals("sample")) {
      return Fixtures.sample().toString();
    }
    return Fixtures.image((name.contains("/") ? name : "guests/" + name) + ".img.xz").toString();
  }

  /** Output with the output directory and the random file names replaced by placeholders. */
  private static String normalise(String out, Path dir) {
    return TEMP.matcher(out.replace(dir.toString(), "DIR").replace("DIR/", "DIR")).replaceAll("boot_$1.X");
  }

  private static List<Path> copied(String out) {
    List<Path> files = new ArrayList<>();
    Matcher m = Pattern.compile("(/[^'\\s\\x00]*/boot_(kernel|ramdisk)\\.[a-z0-9_]{8})").matcher(out);
    while (m.find()) {
      files.add(Path.of(m.group(1)));
    }
    return files;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "sample, sxp", "sample, simple", "sample, simple0",
    "grub1-gpt, sxp", "grub1-gpt, simple",
    "extlinux-raw, sxp", "extlinux-raw, simple0",
    "reiserfs/reiserfs-3.6-boot, sxp", "reiserfs/reiserfs-3.5-boot, sxp",
    "ufs/ufs1-le-4k-boot, simple", "xfs/v4, sxp", "fat-extlinux, sxp", "iso9660/hybrid, sxp",
    "iso9660/rr-deep, simple"
  })
  void sameOutputAndSameFiles(String name, String format) throws Exception {
    String img = image(name);
    Path pd = Files.createDirectory(tmp.resolve("pygrub"));
    Path jd = Files.createDirectory(tmp.resolve("jgrub"));
    Pygrub p = Pygrub.run("-q", "--output-format=" + format, "--output-directory=" + pd, img);
    Jgrub j = Jgrub.run("-q", "--output-format=" + format, "--output-directory=" + jd, img);
    assertEquals(0, p.status(), p.err());
    assertEquals(0, j.status(), j.err());
    assertEquals(normalise(p.out(), pd), normalise(j.out(), jd));
    List<Path> pf = copied(p.out());
    List<Path> jf = copied(j.out());
    assertEquals(pf.size(), jf.size());
    assertTrue(pf.size() >= 1);
    for (int i = 0; i < pf.size(); i++) {
      assertArrayEquals(Files.readAllBytes(pf.get(i)), Files.readAllBytes(jf.get(i)), "file " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample", "grub1-gpt"})
  void sameListing(String name) throws Exception {
    String img = image(name);
    Pygrub p = Pygrub.run("-l", "--output-directory=" + tmp, img);
    Jgrub j = Jgrub.run("-l", img);
    assertEquals(0, p.status(), p.err());
    assertEquals(p.out(), j.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void sameEntryByIndex(String entry) throws Exception {
    String img = image("sample");
    Pygrub p = Pygrub.run("-n", "--entry=" + entry, "--output-directory=" + tmp, img);
    Jgrub j = Jgrub.run("-n", "--entry=" + entry, img);
    assertEquals(0, p.status(), p.err());
    // pygrub -n prints "kernel None"; jgrub names the guest paths. The args are the same.
    assertEquals(argsOf(p.out()), argsOf(j.out()));
  }

  /** --isconfig: the same three lines for a config file on the host. */
  @ParameterizedTest
  @CsvSource({"grub2/debian12-mkconfig.cfg, 2", "grub2/debian12-mkconfig.cfg, 0"})
  void sameIsconfig(String config, String entry) throws Exception {
    String f = Path.of("src/test/resources/configs", config).toString();
    Pygrub p = Pygrub.run("--isconfig", "--entry=" + entry, f);
    Jgrub j = Jgrub.run("--isconfig", "--entry=" + entry, f);
    assertEquals(0, p.status(), p.err());
    assertEquals(0, j.status(), j.err());
    assertEquals(p.out(), j.out());
  }

  /**
   * The Solaris VTOC path: with --kernel/--ramdisk both read the files straight from the root
   * slice's UFS, and must copy the same bytes. (pygrub cannot boot the menu itself: it knows
   * neither kernel$ nor module$; that case is in pygrubFailsWhereJgrubBoots.)
   */
  @org.junit.jupiter.api.Test
  void sameFilesFromASolarisSlice() throws Exception {
    String img = image("solaris-ufs");
    Path pd = Files.createDirectory(tmp.resolve("pygrub"));
    Path jd = Files.createDirectory(tmp.resolve("jgrub"));
    String[] direct = {"-q", "--kernel=/platform/i86xpv/kernel/amd64/unix",
        "--ramdisk=/platform/i86pc/amd64/boot_archive", "--args=-B console=hypervisor"};
    Pygrub p = Pygrub.run(concat(direct, "--output-directory=" + pd, img));
    Jgrub j = Jgrub.run(concat(direct, "--output-directory=" + jd, img));
    assertEquals(0, p.status(), p.err());
    assertEquals(0, j.status(), j.err());
    assertEquals(normalise(p.out(), pd), normalise(j.out(), jd));
    List<Path> pf = copied(p.out());
    List<Path> jf = copied(j.out());
    assertEquals(2, pf.size());
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(Files.readAllBytes(pf.get(i)), Files.readAllBytes(jf.get(i)), "file " + i);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** pygrub parses every --isconfig file as GRUB 2 and finds no entry in a menu.lst. */
  @org.junit.jupiter.api.Test
  void isconfigOnGrubLegacy() throws Exception {
    String f = "src/test/resources/configs/grub1/debian-squeeze-update-grub.menu.lst";
    Pygrub p = Pygrub.run("--isconfig", "--entry=1", f);
    Jgrub j = Jgrub.run("--isconfig", "--entry=1", f);
    assertNotEquals(0, p.status(), "pygrub now reads GRUB legacy with --isconfig: update the README");
    assertEquals(0, j.status(), j.err());
    assertTrue(j.out().startsWith("  kernel: /boot/vmlinuz-"), j.out());
  }

  private static String argsOf(String sxp) {
    int i = sxp.indexOf("(args ");
    return i < 0 ? "" : sxp.substring(i);
  }

  /** Where pygrub fails and jgrub boots: both are asserted, so a change on either side shows. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "logical", "split-boot", "rhel-xfs-bls", "btrfs/suse", "zfs/zfs-rpool", "xfs/v5", "xfs/k1",
        "xfs/v4b512", "fat/fat32", "iso9660/plain", "solaris-ufs"
      })
  void pygrubFailsWhereJgrubBoots(String name) throws Exception {
    String img = image(name);
    Path pd = Files.createDirectory(tmp.resolve("pygrub"));
    Path jd = Files.createDirectory(tmp.resolve("jgrub"));
    Pygrub p = Pygrub.run("-q", "--output-directory=" + pd, img);
    Jgrub j = Jgrub.run("-q", "--output-directory=" + jd, img);
    assertNotEquals(0, p.status(), "pygrub now boots " + name + ": update the README table");
    assertEquals(0, j.status(), j.err());
    assertTrue(copied(j.out()).size() >= 1, j.out());
  }
}
