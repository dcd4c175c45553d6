package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jgrub's entries against what Xen 4.17's pygrub reads from the same grub.cfg: each config is
 * handed to pygrub's own parser ({@code GrubConf.Grub2ConfigFile} from xen-utils-4.17, through
 * fixtures/pygrub-images.py) when the test runs. Same titles, kernels, initrds and arguments
 * wherever pygrub is right. The known differences are asserted as differences: pygrub passes
 * {@code $variables} to the kernel unexpanded, offers entries GRUB does not define on Xen, and
 * treats memtest and Xen entries as Linux kernels or as empty.
 */
@Tag("pygrub")
@Tag("python")
class PygrubGrub2DifferentialTest {
  /** Variables pygrub leaves in the arguments, and what GRUB expands them to in these configs. */
  static final Map<String, String> EXPANDED = Map.of(
      "$vt_handoff", "vt.handoff=7",
      "${extra_cmdline}", "");

  record PyImage(String title, String kernel, String initrd, String args) {}

  private static final Path PYGRUB_LIB = Path.of("/usr/lib/xen-4.17/lib/python/grub/GrubConf.py");

  /** What pygrub-images.py prints for {@code configs/grub2/NAME}: "name|title|kernel|initrd|args"
   * per image, or "name|ERROR|ExceptionType" when pygrub's parser fails. */
  static List<String[]> pygrubLines(String name) throws Exception {
    assertTrue(Files.exists(PYGRUB_LIB), PYGRUB_LIB + " is missing: install xen-utils-4.17 "
        + "(scripts/install-deps.sh does)");
    Process p = new ProcessBuilder("python3", "fixtures/pygrub-images.py",
        MapFiles.resourcePath("configs/grub2/" + name).toString()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pygrub-images.py did not finish");
    assertEquals(0, p.exitValue(), err);
    List<String[]> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\\|", -1);
      assertEquals(name, f[0], "pygrub-images.py printed: " + line);
      lines.add(f);
    }
    return lines;
  }

  /** The images pygrub's GrubConf reads from {@code configs/grub2/NAME}, in its order. */
  static List<PyImage> pygrub(String name) throws Exception {
    List<PyImage> images = new ArrayList<>();
    for (String[] f : pygrubLines(name)) {
      assertEquals(5, f.length, "pygrub on " + name + ": " + String.join("|", f));
      images.add(new PyImage(f[1], f[2], f[3], f[4]));
    }
    return images;
  }

  static String words(String s) {
    return String.join(" ", s.trim().split("\\s+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"debian12-mkconfig.cfg", "debian12-saved.cfg", "debian12-hidden.cfg",
      "debian12-xen-host.cfg", "debian13.cfg", "ubuntu-22.04.cfg", "centos7.cfg",
      "opensuse-leap-15.5.cfg", "pygrub/debian-wheezy-hvm.grub2", "pygrub/fedora-16-with-xen.grub2",
      "pygrub/fedora-19.grub2", "pygrub/rhel-7-beta.grub2", "pygrub/ubuntu-14.04-lts.grub2"})
  void sameEntriesAsPygrubWherePygrubIsRight(String name) throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/" + name));
    Menu m = new Grub2Parser().parse(
        new ConfigFile("hd0,msdos1", "/boot/grub/grub.cfg", cfg), new MapFiles("hd0,msdos1"));
    List<PyImage> py = pygrub(name);
    int compared = 0;
    for (Entry e : m.flatEntries()) {
      PyImage p = null;
      for (PyImage c : py) {
        if (c.title().equals(e.title())) {
          p = c;
          break;
        }
      }
      assertTrue(p != null, name + ": pygrub has no image '" + e.title() + "'");
      py.remove(p);
      if (e.kind() != Entry.Kind.LINUX) {
        // Xen (multiboot) entries: pygrub finds no kernel; memtest via linux16: pygrub would
        // load memtest86+.bin as a PV kernel.
        assertTrue(p.kernel().equals("None") || p.kernel().contains("memtest"), name + ": " + p);
        continue;
      }
      assertEquals(p.kernel(), e.kernel(), name + ": " + e.title());
      assertEquals(p.initrd(), e.initrds().isEmpty() ? "None" : e.initrds().get(0), e.title());
      String expected = p.args();
      for (Map.Entry<String, String> v : EXPANDED.entrySet()) {
        expected = expected.replace(v.getKey(), v.getValue());
      }
      assertEquals(words(expected), e.args(), name + ": " + e.title());
      compared++;
    }
    assertTrue(compared > 0);
    // What pygrub lists beyond jgrub: only the entries GRUB does not define on Xen.
    for (PyImage p : py) {
      assertTrue(p.title().startsWith("Memory test") || p.title().equals("UEFI Firmware Settings"),
          name + ": pygrub-only image " + p.title());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ubuntu-22.04.cfg"})
  void pygrubPassesVariablesToTheKernelUnexpanded(String name) throws Exception {
    PyImage p = pygrub(name).get(0);
    assertTrue(p.args().contains("$vt_handoff"));
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/" + name));
    Menu m = new Grub2Parser().parse(
        new ConfigFile("hd0,gpt1", "/boot/grub/grub.cfg", cfg), new MapFiles("hd0,gpt1"));
    assertNotEquals(p.args(), ((Entry) m.items().get(0)).args());
    assertTrue(((Entry) m.items().get(0)).args().endsWith("vt.handoff=7"));
  }

  /** pygrub splits k3os's {@code search.fs_label K3OS_STATE root} wrongly and gives up. */
  @Test
  void pygrubFailsOnK3osWhereJgrubReadsItsEntries() throws Exception {
    List<String[]> py = pygrubLines("k3os.cfg");
    assertEquals(1, py.size());
    assertEquals(List.of("k3os.cfg", "ERROR", "ValueError"), List.of(py.get(0)));
    MapFiles f = new MapFiles("hd0,msdos1").label("hd0,msdos2", "K3OS_STATE");
    Menu m = Grub2DistroTest.parse(f, "hd0,msdos1", "/boot/grub/grub.cfg", "k3os.cfg");
    assertEquals(4, m.items().size());
    assertEquals(Optional.of("hd0,msdos2"), ((Entry) m.items().get(0)).root());
  }
}
