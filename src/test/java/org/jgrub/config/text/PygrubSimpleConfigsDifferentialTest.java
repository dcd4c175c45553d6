package org.jgrub.config.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.grub1.Grub1Parser;
import org.jgrub.config.lilo.LiloParser;
import org.jgrub.config.syslinux.SyslinuxParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs Xen's own pygrub parsers (xen-utils-4.17, installed by scripts/install-deps.sh) on the
 * same real configs through fixtures/pygrub-parse.py: where pygrub is right the answers must be
 * the same, and each difference listed in docs/configs-simple.md is checked here on both sides.
 */
@Tag("pygrub")
@Tag("python")
class PygrubSimpleConfigsDifferentialTest {
  private static final String PYGRUB_LIB = "/usr/lib/xen-4.17/lib/python/grub/GrubConf.py";

  /** One image as pygrub reports it; null where pygrub has None. */
  record Img(String title, String kernel, String args, String initrd) {}

  /** pygrub's whole answer, or the exception it raised. */
  record Pygrub(List<Img> images, String def, String timeout, String error) {}

  private static Pygrub pygrub(String kind, String resource, String name) throws Exception {
    assertTrue(Files.exists(Path.of(PYGRUB_LIB)), "xen-utils-4.17 is not installed; run scripts/install-deps.sh");
    Process p = new ProcessBuilder("python3", "fixtures/pygrub-parse.py", "--lines", kind,
        "src/test/resources/" + resource, name).redirectErrorStream(false).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pygrub-parse.py did not finish");
    assertEquals(0, p.exitValue(), err);
    List<Img> images = new ArrayList<>();
    String[] cur = null;
    String def = null;
    String timeout = null;
    String error = null;
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String key = line.substring(0, tab);
      String v = line.substring(tab + 1);
      String value = v.equals("<None>") ? null : v;
      switch (key) {
        case "image" -> {
          flush(images, cur);
          cur = new String[4];
        }
        case "title" -> cur[0] = value;
        case "kernel" -> cur[1] = value;
        case "args" -> cur[2] = value;
        case "initrd" -> cur[3] = value;
        case "default" -> def = value;
        case "timeout" -> timeout = value;
        case "error" -> error = value;
        default -> throw new AssertionError("unexpected line from pygrub-parse.py: " + line);
      }
    }
    flush(images, cur);
    return new Pygrub(images, def, timeout, error);
  }

  private static void flush(List<Img> images, String[] cur) {
    if (cur != null) {
      images.add(new Img(cur[0], cur[1], cur[2], cur[3]));
    }
  }

  private static Menu jgrub(ConfigParser parser, String resource, String path) throws IOException {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1").putResource("hd0,msdos1", path, resource);
    return parser.parse(files.config(path), files);
  }

  /** The entries on which pygrub is right must match field for field. */
  private static void sameLinuxEntries(Pygrub p, Menu m) {
    List<Entry> entries = m.flatEntries();
    assertEquals(p.images().size(), entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Img g = p.images().get(i);
      assertEquals(g.title(), e.title());
      if (e.kind() == Entry.Kind.LINUX) {
        assertEquals(g.kernel(), e.kernel(), e.title());
        assertEquals(g.args() == null ? "" : g.args(), e.args(), e.title());
        assertEquals(g.initrd() == null ? List.of() : List.of(g.initrd()), e.initrds(), e.title());
      }
    }
  }

  @Test
  void grub1DebianMenusAgreeEntryForEntry() throws Exception {
    String f = "configs/grub1/debian-squeeze-update-grub.menu.lst";
    Pygrub p = pygrub("grub", f, "/boot/grub/menu.lst");
    Menu m = jgrub(new Grub1Parser(), f, "/boot/grub/menu.lst");
    sameLinuxEntries(p, m);
    assertEquals(5, p.images().size());
    assertEquals(p.def(), m.defaultSpec());
    assertEquals(p.timeout(), Integer.toString(m.timeoutSeconds()));
  }

  @Test
  void grub1DefaultSavedPygrubAlwaysZero() throws Exception {
    String f = "configs/grub1/debian-squeeze-saved.menu.lst";
    Pygrub p = pygrub("grub", f, "/boot/grub/menu.lst");
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .putResource("hd0,msdos1", "/boot/grub/menu.lst", f)
        .putResource("hd0,msdos1", "/boot/grub/default", "configs/grub1/debian-squeeze-saved.default");
    Menu m = new Grub1Parser().parse(files.config("/boot/grub/menu.lst"), files);
    sameLinuxEntries(p, m);
    assertEquals("0", p.def());
    assertEquals("2", m.defaultSpec());
  }

  @Test
  void grub1XenEntriesPygrubBootsTheHypervisor() throws Exception {
    String f = "configs/grub1/debian-lenny-xen-update-grub.menu.lst";
    Pygrub p = pygrub("grub", f, "/boot/grub/menu.lst");
    Menu m = jgrub(new Grub1Parser(), f, "/boot/grub/menu.lst");
    sameLinuxEntries(p, m);
    Img g = p.images().get(0);
    assertEquals("/boot/xen-3.2-1-i386.gz", g.kernel());
    assertNull(g.initrd());
    Entry e = m.flatEntries().get(0);
    assertEquals(Entry.Kind.MULTIBOOT, e.kind());
    assertEquals("/boot/vmlinuz-2.6.26-2-xen-686", e.kernel());

    String c = "configs/grub1/centos6-xen-anaconda.grub.conf";
    Pygrub pc = pygrub("grub", c, "/grub/grub.conf");
    Menu mc = jgrub(new Grub1Parser(), c, "/grub/grub.conf");
    sameLinuxEntries(pc, mc);
    assertEquals("/xen.gz", pc.images().get(0).kernel());
    assertEquals("dom0_mem=1024M cpufreq=xen dom0_max_vcpus=1 dom0_vcpus_pin", pc.images().get(0).args());
    assertEquals("/vmlinuz-2.6.32.54-1.el6xen.x86_64", mc.flatEntries().get(0).kernel());
  }

  @Test
  void grub1KernelTypeOptionAndContinuationLines() throws Exception {
    String f = "configs/grub1/fedora15-anaconda.grub.conf";
    Pygrub p = pygrub("grub", f, "/grub/grub.conf");
    Menu m = jgrub(new Grub1Parser(), f, "/grub/grub.conf");
    sameLinuxEntries(p, m);
    assertEquals("--type=netbsd", p.images().get(1).kernel());
    assertEquals("/elf-memtest86+-4.20", m.flatEntries().get(1).kernel());

    String c = "configs/grub1/multiboot-configfile.menu.lst";
    Pygrub pc = pygrub("grub", c, "/boot/grub/menu.lst");
    assertTrue(pc.error().startsWith("ValueError"), pc.error());
    assertEquals(10, jgrub(new Grub1Parser(), c, "/boot/grub/menu.lst").items().size());
  }

  @Test
  void syslinuxAlpineSameFilesOnlyWhenBootIsItsOwnPartition() throws Exception {
    String f = "configs/syslinux/alpine-linux-2.3.2.extlinux";
    Pygrub p = pygrub("extlinux", f, "/boot/extlinux.conf");
    Img g = p.images().get(0);
    // pygrub opens "vmlinuz-3.0.10-grsec" from the filesystem root: right only for /extlinux.conf.
    Entry sep = jgrub(new SyslinuxParser(), f, "/extlinux.conf").flatEntries().get(0);
    assertEquals("/" + g.kernel(), sep.kernel());
    assertEquals(List.of("/" + g.initrd()), sep.initrds());
    assertEquals(g.args(), sep.args());
    assertEquals(g.title(), sep.id());
    Menu m = jgrub(new SyslinuxParser(), f, "/boot/extlinux.conf");
    assertEquals("/boot/vmlinuz-3.0.10-grsec", m.flatEntries().get(0).kernel());
    assertEquals("Linux 3.0.10-grsec", m.flatEntries().get(0).title());
    assertEquals("30", p.timeout());
    assertEquals(3, m.timeoutSeconds());
  }

  @Test
  void syslinuxCurrentAlpineAndXenPygrubFindsNoKernel() throws Exception {
    for (String f : List.of("configs/syslinux/alpine-3.20.extlinux.conf",
        "configs/syslinux/alpine-3.20-xen.extlinux.conf")) {
      Pygrub p = pygrub("extlinux", f, "/boot/extlinux.conf");
      Menu m = jgrub(new SyslinuxParser(), f, "/boot/extlinux.conf");
      assertEquals(p.images().size(), m.flatEntries().size());
      for (int i = 0; i < p.images().size(); i++) {
        assertNull(p.images().get(i).kernel());
        assertNull(p.images().get(i).initrd());
        assertEquals(p.images().get(i).title(), m.flatEntries().get(i).id());
        assertFalse(m.flatEntries().get(i).kernel().isEmpty());
      }
      assertEquals("0", p.def());
      assertEquals("1", m.defaultSpec());
    }
    Pygrub xen = pygrub("extlinux", "configs/syslinux/alpine-3.20-xen.extlinux.conf", "/boot/extlinux.conf");
    assertTrue(xen.images().get(0).args().startsWith("xen.gz dom0_mem=384M --- vmlinuz-lts "));
  }

  @Test
  void syslinuxDebianInstallerSameWordsWithoutTheHole() throws Exception {
    String bs = "configs/syslinux/debian12-netboot/debian-installer/amd64/boot-screens/";
    Pygrub p = pygrub("extlinux", bs + "txt.cfg", "/txt.cfg");
    Entry e = jgrub(new SyslinuxParser(), bs + "txt.cfg", "/txt.cfg").flatEntries().get(0);
    Img g = p.images().get(0);
    assertEquals("vga=788  --- quiet", g.args());
    assertEquals("vga=788 --- quiet", e.args());
    assertEquals("/" + g.kernel(), e.kernel());
    assertEquals(List.of("/" + g.initrd()), e.initrds());
    // The top-level file: pygrub ignores INCLUDE and finds nothing.
    assertEquals(List.of(), pygrub("extlinux", bs + "syslinux.cfg", "/syslinux.cfg").images());
    // spk.cfg: TIMEOUT and ONTIMEOUT after a LABEL are global; pygrub files them in the stanza.
    Pygrub spk = pygrub("extlinux", bs + "spk.cfg", "/spk.cfg");
    assertEquals("-1", spk.timeout());
    Menu m = jgrub(new SyslinuxParser(), bs + "spk.cfg", "/spk.cfg");
    assertEquals(30, m.timeoutSeconds());
    assertEquals("0", m.defaultSpec());
  }

  @Test
  void liloPygrubNeverReadsItAndLiloConfWouldGetItWrong() throws Exception {
    String pygrubMain = Files.readString(Path.of("/usr/lib/xen-4.17/bin/pygrub"));
    assertFalse(pygrubMain.contains("lilo.conf"));
    String f = "configs/lilo/debian-woody-liloconfig.lilo.conf";
    Pygrub p = pygrub("lilo", f, "/etc/lilo.conf");
    assertEquals("/etc//vmlinuz", p.images().get(0).kernel());
    assertEquals(" ro", p.images().get(0).args());
    assertEquals(3, p.images().size());
    // other=/dev/hda1 is read as part of the "old" image, whose title becomes "Windows".
    assertEquals("Windows", p.images().get(2).title());
    assertEquals("/etc//vmlinuz.old", p.images().get(2).kernel());
    Menu m = jgrub(new LiloParser(), f, "/etc/lilo.conf");
    assertEquals("/vmlinuz", m.flatEntries().get(0).kernel());
    assertEquals("ro root=/dev/hda3", m.flatEntries().get(0).args());
    assertEquals(4, m.items().size());
    assertEquals(Entry.Kind.OTHER, m.flatEntries().get(3).kind());

    String s = "configs/lilo/slackware-13.37-liloconfig.lilo.conf";
    Pygrub ps = pygrub("lilo", s, "/etc/lilo.conf");
    Img g = ps.images().get(0);
    assertEquals("= Linux", g.title());
    assertEquals("/etc/= /boot/vmlinuz", g.kernel());
    assertEquals(" root== /dev/root ro", g.args());
    assertEquals("= 1200", ps.timeout());
    Menu ms = jgrub(new LiloParser(), s, "/etc/lilo.conf");
    assertEquals("Linux", ms.items().get(0).title());
    assertEquals("ro root=/dev/root vt.default_utf8=0", ms.flatEntries().get(0).args());
    assertEquals(120, ms.timeoutSeconds());
  }
}
