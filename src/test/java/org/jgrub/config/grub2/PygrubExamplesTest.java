package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Password;
import org.jgrub.config.Submenu;
import org.junit.jupiter.api.Test;

/** The grub.cfg examples from Xen's tools/pygrub/examples, each a config that once broke pygrub. */
class PygrubExamplesTest {
  static Menu parse(String name, MapFiles files) throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/pygrub/" + name));
    return new Grub2Parser().parse(new ConfigFile(files.configDevice(), "/boot/grub/grub.cfg", cfg), files);
  }

  @Test
  void debianWheezyHvmKeepsTheConvertedDeviceName() throws Exception {
    MapFiles f = new MapFiles("hd0,msdos1").uuid("hd0,msdos1", "f395d5a0-4612-4872-806c-33cd37c152f0");
    Menu m = parse("debian-wheezy-hvm.grub2", f);
    assertEquals(2, m.items().size());
    Entry e = (Entry) m.items().get(0);
    assertEquals("Debian GNU/Linux, with Linux 3.2.0-4-amd64", e.title());
    // set root='(/dev/xvda,msdos1)' then search finds the volume by UUID: search wins.
    assertEquals(Optional.of("hd0,msdos1"), e.root());
    assertEquals("root=UUID=f395d5a0-4612-4872-806c-33cd37c152f0 ro", e.args());
    assertEquals("0", m.defaultSpec());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
  }

  @Test
  void debianWheezyWithoutTheUuidKeepsTheRootItSet() throws Exception {
    Menu m = parse("debian-wheezy-hvm.grub2", new MapFiles("hd0,msdos1"));
    assertEquals(Optional.of("/dev/xvda,msdos1"), ((Entry) m.items().get(0)).root());
    assertTrue(m.warnings().get(0).message().contains("f395d5a0"));
  }

  @Test
  void fedora16XenSubmenuAndSavedEntry() throws Exception {
    MapFiles f = new MapFiles("hd0,gpt2").uuid("hd0,gpt2", "f14ea58a-c2b3-4348-8091-3ab733a2f49e");
    Menu m = parse("fedora-16-with-xen.grub2", f);
    assertEquals("", m.defaultSpec());
    Submenu xen = (Submenu) m.items().get(2);
    assertEquals("Xen 4.1", xen.title());
    Entry e = (Entry) xen.items().get(0);
    assertEquals(Entry.Kind.MULTIBOOT, e.kind());
    assertEquals("/xen-4.1.gz", e.kernel());
    assertEquals("/vmlinuz-3.1.0-0.rc9.git0.0.fc16.x86_64", e.initrds().get(0));

    f.put("hd0,gpt2", "/boot/grub/grubenv",
        MapFiles.grubenv("saved_entry=Fedora Linux, with Linux 3.1.0-0.rc9.git0.0.fc16.x86_64 (recovery mode)"));
    // This old header loads the environment only through [ -s $prefix/grubenv ]: it is there now.
    Menu saved = parse("fedora-16-with-xen.grub2", f);
    assertEquals("1", DefaultChooser.choose(saved).pathString());
  }

  @Test
  void fedora19NextEntryIsUsedOnce() throws Exception {
    MapFiles f = new MapFiles("hd0,msdos1")
        .put("hd0,msdos1", "/boot/grub/grubenv", MapFiles.grubenv(
            "saved_entry=gnulinux-3.9.6-301.fc19.i686.PAE-advanced-738519ba-06da-4402-9b68-a1c1efada512",
            "next_entry=Fedora, with Linux 0-rescue-8d62a0261d8147dc84eb89292ebc1666"));
    Menu m = parse("fedora-19.grub2", f);
    assertEquals("Fedora, with Linux 0-rescue-8d62a0261d8147dc84eb89292ebc1666", m.defaultSpec());
    assertEquals("1", DefaultChooser.choose(m).pathString());
    Entry first = (Entry) m.items().get(0);
    assertEquals("gnulinux-3.9.6-301.fc19.i686.PAE-advanced-738519ba-06da-4402-9b68-a1c1efada512", first.id());
  }

  @Test
  void rhel7UsesLinux16AsALinuxEntry() throws Exception {
    Menu m = parse("rhel-7-beta.grub2", new MapFiles("hd0,msdos1").uuid("hd0,msdos1", "89ffef78-82b3-457c-bc57-42cccc373851"));
    Entry e = (Entry) m.items().get(0);
    assertEquals(Entry.Kind.LINUX, e.kind());
    assertEquals("/vmlinuz-3.10.0-54.0.1.el7.x86_64", e.kernel());
    assertEquals(List.of("/initramfs-3.10.0-54.0.1.el7.x86_64.img"), e.initrds());
    assertEquals(2, m.items().size());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
  }

  @Test
  void ubuntu1404SubmenuMemtestAndPassword() throws Exception {
    MapFiles f = new MapFiles("hd0,msdos1").uuid("hd0,msdos1", "86ba9198-4319-4809-908d-6dbe6938b19a");
    Menu m = parse("ubuntu-14.04-lts.grub2", f);
    assertEquals(4, m.items().size());
    Entry ubuntu = (Entry) m.items().get(0);
    assertTrue(ubuntu.unrestricted());
    assertEquals("/vmlinuz-3.13.0-44-generic", ubuntu.kernel());
    assertEquals(2, ((Submenu) m.items().get(1)).items().size());
    assertEquals(Entry.Kind.OTHER, ((Entry) m.items().get(2)).kind()); // knetbsd memtest
    assertEquals(Entry.Kind.OTHER, ((Entry) m.items().get(3)).kind()); // linux16 memtest
    // 40_custom and a stale copy both set a password for root: the later one replaces it.
    assertEquals(Optional.of(new Password("pbkdf2", "dummy", "root", List.of("root"))), m.password());
  }
}
