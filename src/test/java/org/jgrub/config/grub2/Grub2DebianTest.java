package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Selection;
import org.jgrub.config.Submenu;
import org.junit.jupiter.api.Test;

/** Debian 12 grub.cfg files written by the real grub-mkconfig (fixtures/make-grub2-configs.sh). */
class Grub2DebianTest {
  static final String DEV = "hd0,msdos1";
  static final String UUID = "3f2b9c4e-5a61-4d1e-9b7a-2c8d0e6f1a47";

  static Menu parse(String resource, MapFiles files) throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath(resource));
    files.put(DEV, "/boot/grub/grub.cfg", cfg);
    return new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub/grub.cfg", cfg), files);
  }

  static MapFiles disk() {
    return new MapFiles(DEV).uuid(DEV, UUID);
  }

  @Test
  void debian12MenuShapeIdsAndEntries() throws Exception {
    Menu m = parse("configs/grub2/debian12-mkconfig.cfg", disk());
    assertEquals(2, m.items().size());
    Entry first = (Entry) m.items().get(0);
    assertEquals("Debian GNU/Linux", first.title());
    assertEquals("gnulinux-simple-" + UUID, first.id());
    assertEquals(List.of("debian", "gnu-linux", "gnu", "os"), first.classes());
    assertEquals("/boot/vmlinuz-6.1.0-13-amd64", first.kernel());
    assertEquals(List.of("/boot/initrd.img-6.1.0-13-amd64"), first.initrds());
    assertEquals("root=/dev/xvda1 ro console=hvc0 quiet", first.args());
    assertEquals(Optional.of(DEV), first.root());
    assertEquals(Entry.Kind.LINUX, first.kind());
    assertEquals("load_video", first.lines().get(0));
    assertEquals("initrd\t/boot/initrd.img-6.1.0-13-amd64", first.lines().get(first.lines().size() - 1));
    Submenu adv = (Submenu) m.items().get(1);
    assertEquals("Advanced options for Debian GNU/Linux", adv.title());
    assertEquals("gnulinux-advanced-" + UUID, adv.id());
    assertEquals(4, adv.items().size());
    Entry rec = (Entry) adv.items().get(3);
    assertEquals("Debian GNU/Linux, with Linux 6.1.0-12-amd64 (recovery mode)", rec.title());
    assertEquals("gnulinux-6.1.0-12-amd64-recovery-" + UUID, rec.id());
    assertEquals("root=/dev/xvda1 ro single console=hvc0", rec.args());
    assertEquals("0", m.defaultSpec());
    assertEquals(5, m.timeoutSeconds());
    assertFalse(m.hidden());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
    assertEquals(5, m.flatEntries().size());
  }

  @Test
  void customCfgNextToTheConfigIsSourcedBy41Custom() throws Exception {
    MapFiles f = disk().put(DEV, "/boot/grub/custom.cfg",
        "menuentry 'Rescue' --id rescue {\n  linux /boot/vmlinuz-6.1.0-12-amd64 single\n}\n");
    Menu m = parse("configs/grub2/debian12-mkconfig.cfg", f);
    assertEquals(3, m.items().size());
    assertEquals("rescue", m.items().get(2).id());
    assertTrue(f.reads.contains(DEV + ":/boot/grub/custom.cfg"));
    assertFalse(f.reads.contains(DEV + ":/boot/grub/grubenv")); // [ -s ] found no grubenv
  }

  @Test
  void debian12SavedDefaultWithoutGrubenvIsEmpty() throws Exception {
    Menu m = parse("configs/grub2/debian12-saved.cfg", disk());
    assertEquals("", m.defaultSpec());
    assertEquals("0", DefaultChooser.choose(m).pathString());
  }

  @Test
  void debian12SavedDefaultFromGrubenv() throws Exception {
    MapFiles f = disk().resource(DEV, "/boot/grub/grubenv", "configs/grub2/debian12-saved.grubenv");
    Menu m = parse("configs/grub2/debian12-saved.cfg", f);
    assertEquals("gnulinux-advanced-" + UUID + ">gnulinux-6.1.0-12-amd64-advanced-" + UUID,
        m.defaultSpec());
    Selection s = DefaultChooser.choose(m);
    assertEquals("1>2", s.pathString());
    assertEquals("Debian GNU/Linux, with Linux 6.1.0-12-amd64", s.entry().title());
    assertEquals("/boot/vmlinuz-6.1.0-12-amd64", s.entry().kernel());
  }

  @Test
  void numericDefaultCountsSubmenusAsOneItem() throws Exception {
    Menu m = parse("configs/grub2/debian12-mkconfig.cfg", disk());
    // GRUB_DEFAULT=1 is the submenu: GRUB enters it and boots its first entry.
    assertEquals("1>0", DefaultChooser.choose(m, "1").pathString());
    // GRUB_DEFAULT=2 names no top-level item (pygrub would count into the submenu instead).
    Selection two = DefaultChooser.choose(m, "2");
    assertEquals("0", two.pathString());
    assertEquals(1, two.notes().size());
  }

  @Test
  void hiddenMenuWithAnIdPathDefault() throws Exception {
    Menu m = parse("configs/grub2/debian12-hidden.cfg", disk());
    assertTrue(m.hidden());
    assertEquals(0, m.timeoutSeconds());
    Selection s = DefaultChooser.choose(m);
    assertEquals("1>1", s.pathString());
    assertEquals("/boot/vmlinuz-6.1.0-12-amd64", s.entry().kernel());
    assertTrue(s.notes().isEmpty());
    assertEquals(2, ((Submenu) m.items().get(1)).items().size()); // GRUB_DISABLE_RECOVERY
  }

  @Test
  void nextEntryWinsOverSavedEntry() throws Exception {
    MapFiles f = disk().resource(DEV, "/boot/grub/grubenv", "configs/grub2/debian12-next-entry.grubenv");
    Menu m = parse("configs/grub2/debian12-saved.cfg", f);
    assertEquals("1>2", m.defaultSpec());
    assertEquals("Debian GNU/Linux, with Linux 6.1.0-12-amd64", DefaultChooser.choose(m).entry().title());
  }

  @Test
  void xenHostMenuHasMultiboot2EntriesInNestedSubmenus() throws Exception {
    Menu m = parse("configs/grub2/debian12-xen-host.cfg", disk());
    assertEquals(List.of("Debian GNU/Linux", "Advanced options for Debian GNU/Linux",
        "Debian GNU/Linux, with Xen hypervisor",
        "Advanced options for Debian GNU/Linux (with Xen hypervisor)"), titles(m));
    Entry xen = (Entry) m.items().get(2);
    assertEquals(Entry.Kind.MULTIBOOT, xen.kind());
    assertEquals("/boot/xen-4.17-amd64.gz", xen.kernel());
    // grub_platform is "xen", not "pc": the script adds Xen's no-real-mode options.
    assertEquals("placeholder dom0_mem=2G,max:2G no-real-mode edd=off", xen.args());
    assertEquals(List.of("/boot/vmlinuz-6.1.0-13-amd64", "/boot/initrd.img-6.1.0-13-amd64"),
        xen.initrds());
    Submenu outer = (Submenu) m.items().get(3);
    Submenu inner = (Submenu) outer.items().get(0);
    assertEquals("Xen hypervisor, version 4.17-amd64", inner.title());
    assertEquals(2, inner.items().size());
    assertEquals(Entry.Kind.MULTIBOOT, ((Entry) inner.items().get(1)).kind());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
  }

  static List<String> titles(Menu m) {
    return m.items().stream().map(i -> i.title()).toList();
  }
}
