package org.jgrub.config.syslinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Submenu;
import org.jgrub.config.Warning;
import org.jgrub.config.text.MemGuestFiles;
import org.junit.jupiter.api.Test;

/** syslinux configs as Alpine's update-extlinux and the Debian installer wrote them. */
class SyslinuxParserTest {
  private static final String DIR = "configs/syslinux/";
  private static final String UUID = "root=UUID=b6a58c9b-5e07-4b8f-93c4-ec4c3e5d0a5e";

  private static Menu parse(String resource, String path) throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1").putResource("hd0,msdos1", path, DIR + resource);
    return new SyslinuxParser().parse(files.config(path), files);
  }

  private static Entry entry(Menu m, int i) {
    return (Entry) m.items().get(i);
  }

  @Test
  void alpine232PygrubExample() throws Exception {
    Menu m = parse("alpine-linux-2.3.2.extlinux", "/boot/extlinux.conf");
    assertEquals("syslinux", m.format().name());
    assertEquals(1, m.items().size());
    Entry e = entry(m, 0);
    assertEquals("Linux 3.0.10-grsec", e.title());
    assertEquals("grsec", e.id());
    // Relative to the config's directory, as extlinux resolves it.
    assertEquals("/boot/vmlinuz-3.0.10-grsec", e.kernel());
    assertEquals(List.of("/boot/initramfs-3.0.10-grsec"), e.initrds());
    assertEquals("root=UUID=a97ffe64-430f-4fd3-830e-4736d9a27af0 modules=sd-mod,usb-storage,ext4 quiet",
        e.args());
    assertEquals(Entry.Kind.LINUX, e.kind());
    assertEquals(3, m.timeoutSeconds());
    assertTrue(m.hidden());
    assertEquals("0", m.defaultSpec());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void alpine232OnASeparateBootPartition() throws Exception {
    // /boot as its own partition: the same file is /extlinux.conf and paths resolve from "/".
    Entry e = entry(parse("alpine-linux-2.3.2.extlinux", "/extlinux.conf"), 0);
    assertEquals("/vmlinuz-3.0.10-grsec", e.kernel());
    assertEquals(List.of("/initramfs-3.0.10-grsec"), e.initrds());
  }

  @Test
  void alpine320UpdateExtlinux() throws Exception {
    Menu m = parse("alpine-3.20.extlinux.conf", "/boot/extlinux.conf");
    assertEquals(3, m.items().size());
    Entry virt = entry(m, 0);
    assertEquals("Linux virt", virt.title());
    assertEquals("/boot/vmlinuz-virt", virt.kernel());
    // INITRD a,b: syslinux appends " initrd=a,b" and loads both, in order.
    assertEquals(List.of("/boot/intel-ucode.img", "/boot/initramfs-virt"), virt.initrds());
    assertEquals(UUID + " modules=sd-mod,usb-storage,ext4 quiet rootfstype=ext4", virt.args());
    Entry lts = entry(m, 1);
    assertEquals("lts", lts.id());
    assertEquals("/boot/vmlinuz-lts", lts.kernel());
    Entry reboot = entry(m, 2);
    assertEquals(Entry.Kind.OTHER, reboot.kind());
    assertEquals("/boot/reboot.c32", reboot.kernel());
    // MENU DEFAULT on "lts"; DEFAULT names the menu module, not a label.
    assertEquals("1", m.defaultSpec());
    assertEquals("Linux lts", DefaultChooser.choose(m).entry().title());
    assertEquals(1, m.timeoutSeconds());
    assertTrue(m.hidden());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void alpine320XenDom0ViaMbootC32() throws Exception {
    Menu m = parse("alpine-3.20-xen.extlinux.conf", "/boot/extlinux.conf");
    assertEquals(2, m.items().size());
    Entry xen = entry(m, 0);
    assertEquals("Xen + Linux lts", xen.title());
    assertEquals(Entry.Kind.MULTIBOOT, xen.kind());
    assertEquals("/boot/vmlinuz-lts", xen.kernel());
    assertEquals(UUID + " modules=sd-mod,usb-storage,ext4 quiet rootfstype=ext4", xen.args());
    assertEquals(List.of("/boot/initramfs-lts"), xen.initrds());
    assertTrue(xen.lines().contains("APPEND xen.gz dom0_mem=384M --- vmlinuz-lts " + UUID
        + " modules=sd-mod,usb-storage,ext4 quiet rootfstype=ext4 --- initramfs-lts"));
    assertEquals(Entry.Kind.LINUX, entry(m, 1).kind());
    assertEquals("1", m.defaultSpec());
  }

  private static MemGuestFiles debianNetboot() {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1");
    String bs = "debian-installer/amd64/boot-screens/";
    for (String f : List.of("addrk.cfg", "adspk.cfg", "adtxt.cfg", "drk.cfg", "drkmenu.cfg",
        "exithelp.cfg", "menu.cfg", "prompt.cfg", "rqdrk.cfg", "rqspk.cfg", "rqtxt.cfg", "spk.cfg",
        "stdmenu.cfg", "syslinux.cfg", "txt.cfg")) {
      files.putResource("hd0,msdos1", "/" + bs + f, DIR + "debian12-netboot/" + bs + f);
    }
    // pxelinux.cfg/default links to boot-screens/syslinux.cfg; on a stick it is /syslinux.cfg.
    files.putResource("hd0,msdos1", "/syslinux.cfg", DIR + "debian12-netboot/" + bs + "syslinux.cfg");
    return files;
  }

  @Test
  void debianInstallerMenuWithIncludesSubmenusAndOntimeout() throws Exception {
    MemGuestFiles files = debianNetboot();
    Menu m = new SyslinuxParser().parse(files.config("/syslinux.cfg"), files);
    List<String> titles = m.items().stream().map(MenuItem::title).toList();
    assertEquals(List.of("Install", "Advanced options", "Accessible dark contrast installer menu",
        "Help", "Install with speech synthesis"), titles);
    Entry install = entry(m, 0);
    assertEquals("install", install.id());
    assertEquals("/debian-installer/amd64/linux", install.kernel());
    assertEquals(List.of("/debian-installer/amd64/initrd.gz"), install.initrds());
    assertEquals("vga=788 --- quiet", install.args());
    Submenu advanced = (Submenu) m.items().get(1);
    assertEquals("advanced", advanced.id());
    // "Back.." (MENU EXIT) boots nothing and is left out.
    assertEquals(List.of("Expert install", "Rescue mode", "Automated install",
        "Speech-enabled advanced options"), advanced.items().stream().map(MenuItem::title).toList());
    Submenu dark = (Submenu) m.items().get(2);
    assertEquals("Install", dark.items().get(0).title());
    // "Help" loads prompt.cfg (CONFIG), a menu of its own; it includes menu.cfg again, whose own
    // Help entry loops back and is not followed.
    Submenu help = (Submenu) m.items().get(3);
    assertEquals("Install", help.items().get(0).title());
    // spk.cfg, included last, sets TIMEOUT 300 and an ONTIMEOUT command line equal to the
    // speech-synthesis stanza's: that is what syslinux boots when nobody presses a key.
    assertEquals(30, m.timeoutSeconds());
    assertEquals("4", m.defaultSpec());
    assertEquals("installspk", DefaultChooser.choose(m).entry().id());
    assertTrue(m.warnings().stream().map(Warning::message)
        .anyMatch(s -> s.contains("gtk.cfg does not exist")));
  }

  @Test
  void missingIncludesAreWarningsNotFailures() throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1");
    String bs = "debian-installer/amd64/boot-screens/";
    files.putResource("hd0,msdos1", "/syslinux.cfg", DIR + "debian12-netboot/" + bs + "syslinux.cfg");
    Menu m = new SyslinuxParser().parse(files.config("/syslinux.cfg"), files);
    assertEquals(List.of(), m.items());
    assertEquals(1, m.warnings().size());
    assertTrue(m.warnings().get(0).message().contains("menu.cfg does not exist"));
  }

  @Test
  void relativeConfigDirectoryForIsolinux() throws Exception {
    Menu m = parse("alpine-linux-2.3.2.extlinux", "/boot/isolinux/isolinux.cfg");
    assertEquals("/boot/isolinux/vmlinuz-3.0.10-grsec", entry(m, 0).kernel());
    assertEquals(Optional.empty(), entry(m, 0).root());
  }
}
