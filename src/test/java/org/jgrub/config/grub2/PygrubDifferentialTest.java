package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jgrub's entries against what Xen 4.17's pygrub reads from the same grub.cfg
 * (pygrub-4.17-images.txt, written by fixtures/pygrub-images.py): same titles, kernels, initrds and
 * arguments wherever pygrub is right. The known differences are asserted as differences: pygrub
 * passes {@code $variables} to the kernel unexpanded, offers entries GRUB does not define on Xen,
 * and treats memtest and Xen entries as Linux kernels or as empty.
 */
class PygrubDifferentialTest {
  /** Variables pygrub leaves in the arguments, and what GRUB expands them to in these configs. */
  static final Map<String, String> EXPANDED = Map.of(
      "$vt_handoff", "vt.handoff=7",
      "${extra_cmdline}", "");

  record PyImage(String title, String kernel, String initrd, String args) {}

  static Map<String, List<PyImage>> pygrub() throws Exception {
    Map<String, List<PyImage>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(
        MapFiles.resourcePath("configs/grub2/pygrub-4.17-images.txt"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\\|", -1);
      if (f.length == 5) {
        out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new PyImage(f[1], f[2], f[3], f[4]));
      }
    }
    return out;
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
    List<PyImage> py = new ArrayList<>(pygrub().get(name));
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
    PyImage p = pygrub().get(name).get(0);
    assertTrue(p.args().contains("$vt_handoff"));
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/" + name));
    Menu m = new Grub2Parser().parse(
        new ConfigFile("hd0,gpt1", "/boot/grub/grub.cfg", cfg), new MapFiles("hd0,gpt1"));
    assertNotEquals(p.args(), ((Entry) m.items().get(0)).args());
    assertTrue(((Entry) m.items().get(0)).args().endsWith("vt.handoff=7"));
  }
}
