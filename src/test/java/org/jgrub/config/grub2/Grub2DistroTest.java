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

/** Debian 13, CentOS 7, openSUSE Leap 15.5 with snapshots, and k3os. */
class Grub2DistroTest {
  static Menu parse(MapFiles f, String dev, String path, String resource) throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/" + resource));
    f.put(dev, path, cfg);
    return new Grub2Parser().parse(new ConfigFile(dev, path, cfg), f);
  }

  @Test
  void debian13LeavesOutMemtestAndFirmwareEntriesOnXen() throws Exception {
    String dev = "hd0,msdos1";
    Menu m = parse(new MapFiles(dev).uuid(dev, "3f2b9c4e-5a61-4d1e-9b7a-2c8d0e6f1a47"), dev,
        "/boot/grub/grub.cfg", "debian13.cfg");
    // grub_platform is "xen": neither the "pc" nor the "efi" memtest entries, no fwsetup entry.
    assertEquals(2, m.items().size());
    assertEquals("/boot/vmlinuz-6.12.22-amd64", ((Entry) m.items().get(0)).kernel());
    assertEquals(4, ((Submenu) m.items().get(1)).items().size());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
    assertEquals("0", m.defaultSpec());

    MapFiles f = new MapFiles(dev).uuid(dev, "3f2b9c4e-5a61-4d1e-9b7a-2c8d0e6f1a47")
        .resource(dev, "/boot/grub/grubenv", "configs/grub2/debian12-next-entry.grubenv");
    Menu once = parse(f, dev, "/boot/grub/grub.cfg", "debian13.cfg");
    assertEquals("Debian GNU/Linux, with Linux 6.12.21-amd64", DefaultChooser.choose(once).entry().title());
  }

  @Test
  void centos7Linux16SavedEntryAndUserCfgPassword() throws Exception {
    String dev = "hd0,msdos1";
    MapFiles f = new MapFiles(dev).uuid(dev, "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
        .resource(dev, "/grub2/user.cfg", "configs/grub2/centos7-user.cfg")
        .put(dev, "/grub2/grubenv", MapFiles.grubenv(
            "saved_entry=CentOS Linux (3.10.0-1160.el7.x86_64) 7 (Core)"));
    Menu m = parse(f, dev, "/grub2/grub.cfg", "centos7.cfg");
    assertEquals(3, m.items().size());
    Entry e = DefaultChooser.choose(m).entry();
    assertEquals("CentOS Linux (3.10.0-1160.el7.x86_64) 7 (Core)", e.title());
    assertEquals(Entry.Kind.LINUX, e.kind());
    assertEquals("/vmlinuz-3.10.0-1160.el7.x86_64", e.kernel());
    assertEquals(List.of("/initramfs-3.10.0-1160.el7.x86_64.img"), e.initrds());
    assertTrue(e.unrestricted());
    assertEquals(Optional.of(new Password("pbkdf2",
        "grub.pbkdf2.sha512.10000.4A1F3C9E0B7D2A65.8E0C4F7A91D3B26C", "root", List.of("root"))),
        m.password());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());

    MapFiles plain = new MapFiles(dev).uuid(dev, "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    Menu fresh = parse(plain, dev, "/grub2/grub.cfg", "centos7.cfg");
    assertEquals("", fresh.defaultSpec()); // ${saved_entry} unset: the first entry
    assertEquals("CentOS Linux (3.10.0-1160.105.1.el7.x86_64) 7 (Core)",
        DefaultChooser.choose(fresh).entry().title());
    assertEquals(Optional.empty(), fresh.password());
  }

  /**
   * The files as the configuration names them: below /.snapshots, which its {@code
   * btrfs-mount-subvol ($root) /.snapshots @/.snapshots} puts in the subvolume @/.snapshots (a
   * path from the top level); snapshot 45 keeps a grub.cfg (the same as the current one).
   */
  static MapFiles suse() throws Exception {
    String dev = "hd0,gpt2";
    MapFiles f = new MapFiles(dev).uuid(dev, "0f3a5b7c-9d1e-4f20-8a4b-6c8d0e2f4a61")
        .resource(dev, "/@/.snapshots/grub-snapshot.cfg", "configs/grub2/opensuse-snapshots/grub-snapshot.cfg")
        .resource(dev, "/@/.snapshots/45/snapshot/boot/grub2/grub.cfg", "configs/grub2/opensuse-leap-15.5.cfg");
    for (String n : new String[] {"44", "45"}) {
      f.resource(dev, "/@/.snapshots/" + n + "/grub-snapshot.cfg",
          "configs/grub2/opensuse-snapshots/" + n + "-grub-snapshot.cfg");
    }
    return f;
  }

  @Test
  void openSuseSnapshotsSubmenuListsSnapshotsThatStillHaveAConfig() throws Exception {
    Menu m = parse(suse(), "hd0,gpt2", "/boot/grub2/grub.cfg", "opensuse-leap-15.5.cfg");
    assertEquals(List.of("openSUSE Leap 15.5", "Advanced options for openSUSE Leap 15.5",
        "Start bootloader from a read-only snapshot"), Grub2DebianTest.titles(m));
    Entry e = (Entry) m.items().get(0);
    assertEquals("root=UUID=0f3a5b7c-9d1e-4f20-8a4b-6c8d0e2f4a61 splash=silent mitigations=auto"
        + " quiet security=apparmor console=hvc0", e.args());
    assertEquals("/boot/initrd-5.14.21-150500.55.39-default", e.initrds().get(0));
    Submenu snaps = (Submenu) m.items().get(2);
    // Snapshot 44 has no grub.cfg left in it: its entry is not offered.
    assertEquals(1, snaps.items().size());
    Entry s = (Entry) snaps.items().get(0);
    assertTrue(s.title().startsWith("openSUSE Leap 15.5 (5.14.21-150500.55.36-default,2024-01-12T09:41"));
    // It chains to the snapshot's own grub.cfg, read in the snapshot (btrfs_subvol); booting it
    // boots that menu's default entry, with the snapshot's rootflags.
    assertEquals(Entry.Kind.LINUX, s.kind());
    assertEquals("/@/.snapshots/45/snapshot/boot/vmlinuz-5.14.21-150500.55.39-default", s.kernel());
    assertEquals(List.of("/@/.snapshots/45/snapshot/boot/initrd-5.14.21-150500.55.39-default"), s.initrds());
    assertTrue(s.args().contains(" rootflags=subvol=@/.snapshots/45/snapshot splash=silent"), s.args());
    assertEquals("", m.defaultSpec());
    assertEquals(8, m.timeoutSeconds());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());

    String u = "0f3a5b7c-9d1e-4f20-8a4b-6c8d0e2f4a61";
    MapFiles saved = suse().put("hd0,gpt2", "/boot/grub2/grubenv", MapFiles.grubenv(
        "saved_entry=gnulinux-advanced-" + u + ">gnulinux-5.14.21-150500.55.36-default-advanced-" + u));
    Menu s2 = parse(saved, "hd0,gpt2", "/boot/grub2/grub.cfg", "opensuse-leap-15.5.cfg");
    assertEquals("1>2", DefaultChooser.choose(s2).pathString());
    assertEquals("/boot/vmlinuz-5.14.21-150500.55.36-default", DefaultChooser.choose(s2).entry().kernel());
  }

  @Test
  void k3osFindsItsStateVolumeByLabelAndKeepsTheLoopDevice() throws Exception {
    MapFiles f = new MapFiles("hd0,msdos1").label("hd0,msdos2", "K3OS_STATE");
    Menu m = parse(f, "hd0,msdos1", "/boot/grub/grub.cfg", "k3os.cfg");
    assertEquals(4, m.items().size());
    Entry e = (Entry) m.items().get(0);
    assertEquals("k3OS Current", e.title());
    assertEquals("(loop0)/vmlinuz", e.kernel());
    assertEquals(Optional.of("hd0,msdos2"), e.root());
    assertEquals(List.of("/k3os/system/kernel/current/initrd"), e.initrds());
    assertEquals("printk.devkmsg=on console=tty1 console=ttyS0", e.args());
    assertEquals("0", m.defaultSpec());
    assertEquals(10, m.timeoutSeconds());
    assertTrue(m.warnings().get(0).message().contains("loopback loop0 //k3os/system/kernel/current/kernel.squashfs"),
        m.warnings().toString());
  }
}
