package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest set up by systemd 257's own tools (fixtures/make-systemd-boot.sh: bootctl install onto
 * an ESP and an XBOOTLDR partition, kernel-install in the bls and uki layouts, ukify for a
 * multi-profile image), on a GPT and on an MBR disk: jgrub lists what bootctl list lists, in its
 * order, with its titles, boots its default, and extracts a Type #1 entry from XBOOTLDR and a
 * profile of the UKI on the ESP.
 */
class SystemdBootTest {
  private static final String DIR = "systemd-boot/";

  @TempDir Path dir;

  /** One row of bootctl list --json=short. */
  record Row(String title, String id, String source, String linux, String initrd, String options,
      boolean isDefault) {}

  static List<Row> oracle() throws IOException {
    List<Row> out = new ArrayList<>();
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve(DIR + "systemd-boot.tsv"))) {
      if (l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\t", -1);
      out.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6].equals("default")));
    }
    return out;
  }

  /** ".cmdline" -> the sha256 of each section of that name, in table order. */
  static List<String[]> sections() throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve(DIR + "debian-6.1.0-11.sections"))) {
      if (!l.startsWith("#")) {
        out.add(l.split("\t"));
      }
    }
    return out;
  }

  static String sha(String section, int nth) throws IOException {
    int k = 0;
    for (String[] s : sections()) {
      if (s[0].equals(section) && k++ == nth) {
        return s[2];
      }
    }
    throw new AssertionError("no " + section + " #" + nth + " in the oracle");
  }

  static String sha(Path p) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  private static Path image(String disk) throws IOException {
    return Fixtures.image(DIR + "sdboot-" + disk + ".img.xz");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt", "mbr"})
  void listsWhatBootctlListsInItsOrder(String disk) throws Exception {
    Jgrub r = Jgrub.run("-l", image(disk).toString());
    assertEquals(0, r.status(), r.err());
    List<String> titles = new ArrayList<>();
    List<String> kernels = new ArrayList<>();
    List<String> args = new ArrayList<>();
    List<String> initrds = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      if (l.startsWith("title: ")) {
        titles.add(l.substring(7));
      } else if (l.startsWith("  kernel: ")) {
        kernels.add(l.substring(10));
      } else if (l.startsWith("  args: ")) {
        args.add(l.substring(8));
      } else if (l.startsWith("  initrd: ")) {
        initrds.add(l.substring(10));
      }
    }
    List<Row> want = oracle();
    assertEquals(want.stream().map(Row::title).toList(), titles, r.out());
    assertEquals(want.stream().map(Row::linux).toList(), kernels);
    assertEquals(want.stream().map(Row::options).toList(), args);
    assertEquals(want.stream().map(w -> w.initrd().isEmpty() ? "None" : w.initrd()).toList(),
        initrds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt", "mbr"})
  void bootsBootctlsDefaultFromTheXbootldrPartition(String disk) throws Exception {
    Row def = oracle().stream().filter(Row::isDefault).findFirst().orElseThrow();
    assertEquals("xbootldr", def.source());
    Jgrub r = Jgrub.run("-q", "--output-directory=" + dir, image(disk).toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("booting '" + def.title() + "'"), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals(def.options(), m.group(3));
    // kernel-install copied the stand-in payloads (fixtures/boot-tree.py) to XBOOTLDR.
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-12-amd64", 300000);
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-12-amd64", 700001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt", "mbr"})
  void bootsAProfileOfTheMultiProfileImage(String disk) throws Exception {
    List<Row> rows = oracle();
    int rescue = -1;
    for (int k = 0; k < rows.size(); k++) {
      if (rows.get(k).id().equals("debian-6.1.0-11-amd64.efi@rescue")) {
        rescue = k;
      }
    }
    assertTrue(rescue >= 0);
    Jgrub r = Jgrub.run("-q", "--output-directory=" + dir, "--entry=" + rescue,
        "--args=console=hvc0", image(disk).toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals(rows.get(rescue).options() + " console=hvc0", m.group(3));
    assertEquals(sha(".linux", 0), sha(Path.of(m.group(1))), "the base's .linux");
    assertEquals(sha(".initrd", 0), sha(Path.of(m.group(2))), "the base's .initrd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt", "mbr"})
  void bootsAProfileByItsId(String disk) throws Exception {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + dir,
        "--entry=debian-6.1.0-11-amd64@factory-reset", image(disk).toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertTrue(m.group(3).endsWith(" systemd.factory_reset=yes"), m.group(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt", "mbr"})
  void kernelOptionNamingAUnifiedImageBootsItsSections(String disk) throws Exception {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + dir,
        "--kernel=/EFI/Linux/debian-6.1.0-11-amd64.efi", "--args=console=hvc0",
        image(disk).toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals("root=UUID=6c0d3ff5-7e0e-4c4a-a1b2-9e1d2c3b4a50 ro quiet console=hvc0",
        m.group(3));
    assertEquals(sha(".linux", 0), sha(Path.of(m.group(1))));
    assertEquals(sha(".initrd", 0), sha(Path.of(m.group(2))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt"})
  void debugSaysWhichPartitionsAreTheEspAndXbootldr(String disk) throws Exception {
    Jgrub r = Jgrub.run("-l", "--debug", image(disk).toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("systemd-boot: ESP hd0,gpt1, XBOOTLDR hd0,gpt2"), r.err());
    assertTrue(r.err().contains("LoaderEntryLastBooted (@saved) are not readable from dom0"),
        r.err());
  }

  @org.junit.jupiter.api.Test
  void anEspWithoutXbootldrListsAndBootsAsBootctlSays() throws Exception {
    // bootctl list's text form: "title: T (default)" and "id: I (without profile: …)".
    List<String> titles = new ArrayList<>();
    String def = null;
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve(DIR + "esp-only.list"))) {
      l = l.strip();
      if (l.startsWith("title: ")) {
        String t = l.substring(7);
        if (t.endsWith(" (default)")) {
          t = t.substring(0, t.length() - 10);
          def = t;
        }
        titles.add(t);
      }
    }
    assertEquals(3, titles.size());
    Path img = Fixtures.image(DIR + "sdboot-esp-only.img.xz");
    Jgrub r = Jgrub.run("-l", img.toString());
    assertEquals(0, r.status(), r.err());
    List<String> got = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      if (l.startsWith("title: ")) {
        got.add(l.substring(7));
      }
    }
    assertEquals(titles, got);
    r = Jgrub.run("-q", "--output-directory=" + dir, img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("booting '" + def + "'"), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals(sha(".linux", 0), sha(Path.of(m.group(1))));
    assertEquals("root=UUID=6c0d3ff5-7e0e-4c4a-a1b2-9e1d2c3b4a50 ro quiet", m.group(3));
  }
}
