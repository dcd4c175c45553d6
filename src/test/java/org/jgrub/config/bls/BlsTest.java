package org.jgrub.config.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.grub2.MapFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.grub2.Grub2Parser;
import org.jgrub.io.NotFoundException;
import org.junit.jupiter.api.Test;

/** BLS entries through Fedora's blscfg in grub.cfg, and the systemd-boot layout on an ESP. */
class BlsTest {
  static final String BOOT = "hd0,gpt2";
  static final String BOOT_UUID = "4e7f0a1b-2c3d-4e5f-8091-a2b3c4d5e6f7";
  static final String MID = "2b4a5c6d7e8f40a1b2c3d4e5f6a7b8c9";
  static final String ROOT_OPTS = "root=UUID=9d1c3e55-8a3b-4f0e-a5c1-0e6f7a8b9c0d ro rootflags=subvol=root";

  static MapFiles fedoraBoot(String grubenv) throws IOException {
    MapFiles f = new MapFiles(BOOT).uuid(BOOT, BOOT_UUID);
    f.resource(BOOT, "/grub2/grub.cfg", "configs/bls/fedora39-grub.cfg");
    if (grubenv != null) {
      f.resource(BOOT, "/grub2/grubenv", "configs/bls/" + grubenv);
    }
    try (Stream<Path> s = Files.list(MapFiles.resourcePath("configs/bls/fedora39-entries"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        f.put(BOOT, "/loader/entries/" + p.getFileName(), Files.readAllBytes(p));
      }
    }
    return f;
  }

  static Menu fedora(MapFiles f) throws IOException {
    byte[] cfg = f.read(BOOT, "/grub2/grub.cfg", 1 << 20).orElseThrow();
    return new Grub2Parser().parse(new ConfigFile(BOOT, "/grub2/grub.cfg", cfg), f);
  }

  @Test
  void fedoraBlscfgSortsNewestFirstWithFileNameIds() throws Exception {
    Menu m = fedora(fedoraBoot("fedora39.grubenv"));
    List<String> ids = new ArrayList<>();
    m.items().forEach(i -> ids.add(i.id()));
    assertEquals(List.of(MID + "-6.5.12-300.fc39.x86_64", MID + "-6.5.6-300.fc39.x86_64",
        MID + "-0-rescue"), ids);
    Entry newest = (Entry) m.items().get(0);
    assertEquals("Fedora Linux (6.5.12-300.fc39.x86_64) 39 (Thirty Nine)", newest.title());
    assertEquals("(hd0,gpt2)/vmlinuz-6.5.12-300.fc39.x86_64", newest.kernel());
    assertEquals(List.of("(hd0,gpt2)/initramfs-6.5.12-300.fc39.x86_64.img"), newest.initrds());
    assertEquals(ROOT_OPTS + " rhgb quiet", newest.args());
    assertEquals(List.of("fedora"), newest.classes());
    assertTrue(newest.unrestricted());
    assertEquals(Optional.empty(), newest.users()); // $grub_users is unset: no --users
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
  }

  @Test
  void fedoraSavedEntryNamesABlsFile() throws Exception {
    Menu m = fedora(fedoraBoot("fedora39.grubenv"));
    assertEquals(MID + "-6.5.6-300.fc39.x86_64", m.defaultSpec());
    assertEquals("1", DefaultChooser.choose(m).pathString());
    // The rescue entry's "options $kernelopts" is expanded from grubenv.
    assertEquals(ROOT_OPTS + " rhgb quiet", ((Entry) m.items().get(2)).args());
  }

  @Test
  void fedoraWithoutGrubenvBootsTheNewest() throws Exception {
    Menu m = fedora(fedoraBoot(null));
    assertEquals("", m.defaultSpec());
    assertEquals(MID + "-6.5.12-300.fc39.x86_64", DefaultChooser.choose(m).entry().id());
    assertEquals("", ((Entry) m.items().get(2)).args()); // no kernelopts to expand
  }

  @Test
  void fedoraSavedEntryOfARemovedKernelFallsBackToTheFirst() throws Exception {
    Menu m = fedora(fedoraBoot("fedora39-bad-saved.grubenv"));
    assertEquals(MID + "-6.4.0-100.fc39.x86_64", m.defaultSpec());
    assertEquals("0", DefaultChooser.choose(m).pathString());
  }

  @Test
  void blscfgFallsBackToBootLoaderEntriesOnTheRootVolume() throws Exception {
    // No separate /boot: the config is /boot/grub2/grub.cfg and kernel-install writes /boot/... paths.
    String dev = "hd0,msdos1";
    byte[] cfg = ("set root='" + dev + "'\nload_env\nset default=\"${saved_entry}\"\nblscfg\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    MapFiles f = new MapFiles(dev).put(dev, "/boot/loader/entries/m-5.14.0-362.8.1.el9_3.x86_64.conf",
        "title Red Hat Enterprise Linux (5.14.0-362.8.1.el9_3.x86_64) 9.3 (Plow)\n"
            + "version 5.14.0-362.8.1.el9_3.x86_64\nlinux /boot/vmlinuz-5.14.0-362.8.1.el9_3.x86_64\n"
            + "initrd /boot/initramfs-5.14.0-362.8.1.el9_3.x86_64.img $tuned_initrd\n"
            + "options root=/dev/mapper/rhel-root ro $tuned_params\n");
    Menu m = new Grub2Parser().parse(new ConfigFile(dev, "/boot/grub2/grub.cfg", cfg), f);
    Entry e = (Entry) m.items().get(0);
    assertEquals("m-5.14.0-362.8.1.el9_3.x86_64", e.id());
    assertEquals("(hd0,msdos1)/boot/vmlinuz-5.14.0-362.8.1.el9_3.x86_64", e.kernel());
    assertEquals("root=/dev/mapper/rhel-root ro", e.args());
    // "$tuned_initrd" lands in the generated initrd line and expands to nothing at boot.
    assertEquals(List.of("(hd0,msdos1)/boot/initramfs-5.14.0-362.8.1.el9_3.x86_64.img"), e.initrds());
  }

  static final String ESP = "hd0,gpt1";
  static final String EMID = "6a9857a393724b7a981ebb5b8495b9ea";

  static MapFiles esp() throws IOException {
    MapFiles f = new MapFiles(ESP);
    Path root = MapFiles.resourcePath("configs/bls/esp");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          f.put(ESP, "/" + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
    }
    return f;
  }

  static Menu standalone(MapFiles f) throws IOException {
    byte[] conf = f.read(ESP, "/loader/loader.conf", 1 << 20).orElseThrow();
    return new BlsParser().parse(new ConfigFile(ESP, "/loader/loader.conf", conf), f);
  }

  @Test
  void systemdBootLayoutSortsFiltersAndGlobsTheDefault() throws Exception {
    Menu m = standalone(esp());
    List<String> ids = new ArrayList<>();
    m.items().forEach(i -> ids.add(i.id()));
    // The 2-byte stand-in for a unified kernel image is read, found broken, and left out.
    assertEquals(List.of(EMID + "-6.6.10-200.fc39.x86_64", EMID + "-6.6.2-201.fc39.x86_64",
        "memtest"), ids);
    Entry e = (Entry) m.items().get(0);
    assertEquals("Fedora Linux 39 (Thirty Nine) (6.6.10-200.fc39.x86_64)", e.title());
    assertEquals("/" + EMID + "/6.6.10-200.fc39.x86_64/linux", e.kernel());
    assertEquals(Optional.of(ESP), e.root());
    assertEquals("# Boot Loader Specification type#1 entry", e.lines().get(0));
    assertEquals("initrd     /" + EMID + "/6.6.10-200.fc39.x86_64/initrd", e.lines().get(e.lines().size() - 1));
    assertEquals(Entry.Kind.OTHER, ((Entry) m.items().get(2)).kind());
    assertEquals(EMID + "-6.6.10-200.fc39.x86_64", m.defaultSpec());
    assertEquals(4, m.timeoutSeconds());
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().contains("aa64")));
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().equals("/EFI/Linux/" + EMID
        + "-6.7.0-rc1.efi: 2 bytes, too small for a PE file; entry left out")), m.warnings().toString());
  }

  @Test
  void damagedEntriesAndLoaderConfStayClean() throws Exception {
    java.util.Random r = new java.util.Random(7);
    MapFiles base = esp();
    byte[] conf = base.read(ESP, "/loader/loader.conf", 1 << 20).orElseThrow();
    for (int round = 0; round < 200; round++) {
      MapFiles f = esp();
      byte[] e = f.read(ESP, "/loader/entries/memtest.conf", 1 << 20).orElseThrow().clone();
      for (int k = 0; k < 3; k++) {
        e[r.nextInt(e.length)] = (byte) r.nextInt(256);
      }
      f.put(ESP, "/loader/entries/memtest.conf", e);
      byte[] c = conf.clone();
      c[r.nextInt(c.length)] = (byte) r.nextInt(256);
      Menu m = new BlsParser().parse(new ConfigFile(ESP, "/loader/loader.conf", c), f);
      assertTrue(m.items().size() >= 2);
    }
    String longPattern = "default " + "*a".repeat(5000) + "\n";
    Menu m = new BlsParser().parse(new ConfigFile(ESP, "/loader/loader.conf",
        longPattern.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), esp());
    assertEquals("", m.defaultSpec());
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().contains("longer than")));
  }

  @Test
  void noEntriesIsNotFound() {
    MapFiles f = new MapFiles(ESP).put(ESP, "/loader/loader.conf", "timeout 3\n");
    assertThrows(NotFoundException.class, () -> standalone(f));
  }

  @Test
  void versionOrders() {
    assertTrue(VersionCompare.rpm("6.5.12", "6.5.6") > 0);
    assertTrue(VersionCompare.rpm("1.0~rc1", "1.0") < 0);
    assertTrue(VersionCompare.rpm("1.0^git1", "1.0") > 0);
    assertTrue(VersionCompare.rpm("1.0a", "1.0.1") < 0);
    assertEquals(0, VersionCompare.rpm("1.01", "1.1"));
    assertTrue(VersionCompare.uapi("6.6.10-200", "6.6.2-201") > 0);
    assertTrue(VersionCompare.uapi("1.0~rc1", "1.0") < 0);
    assertTrue(VersionCompare.uapi("1.0-1", "1.0.1") < 0);
    assertTrue(Glob.matches(EMID + "-*", EMID + "-6.6.10-200.fc39.x86_64.conf"));
    assertTrue(Glob.matches("*-lts*", "arch-lts.conf"));
    assertTrue(Glob.matches("a[0-9]?c", "a5xc"));
    assertTrue(!Glob.matches("a[!0-9]c", "a5c"));
  }
}
