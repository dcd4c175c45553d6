package org.jgrub.config.grub1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Submenu;
import org.jgrub.config.text.MemGuestFiles;
import org.junit.jupiter.api.Test;

/** GRUB legacy configs as anaconda and Debian's update-grub wrote them (see configs/grub1/README). */
class Grub1ParserTest {
  private static final String DIR = "configs/grub1/";

  private static Menu parse(String resource, String path) throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1").putResource("hd0,msdos1", path, DIR + resource);
    return new Grub1Parser().parse(files.config(path), files);
  }

  private static Entry entry(Menu m, int i) {
    return (Entry) m.items().get(i);
  }

  @Test
  void debianSqueezeUpdateGrub() throws Exception {
    Menu m = parse("debian-squeeze-update-grub.menu.lst", "/boot/grub/menu.lst");
    assertEquals("grub1", m.format().name());
    assertEquals(5, m.items().size());
    Entry e = entry(m, 0);
    assertEquals("Debian GNU/Linux, kernel 2.6.32-5-686", e.title());
    assertEquals("/boot/vmlinuz-2.6.32-5-686", e.kernel());
    assertEquals(List.of("/boot/initrd.img-2.6.32-5-686"), e.initrds());
    // update-grub leaves a trailing blank after "ro"; stage2 passes it, jgrub trims it like pygrub.
    assertEquals("root=/dev/xvda1 ro", e.args());
    assertEquals(Optional.of("hd0,0"), e.root());
    assertEquals(Entry.Kind.LINUX, e.kind());
    assertEquals(List.of("root\t\t(hd0,0)", "kernel\t\t/boot/vmlinuz-2.6.32-5-686 root=/dev/xvda1 ro ",
        "initrd\t\t/boot/initrd.img-2.6.32-5-686").size(), e.lines().size());
    assertEquals("root=/dev/xvda1 ro single", entry(m, 1).args());
    assertEquals("Debian GNU/Linux, kernel memtest86+", entry(m, 4).title());
    assertEquals("/boot/memtest86+.bin", entry(m, 4).kernel());
    assertEquals(List.of(), entry(m, 4).initrds());
    assertEquals("0", m.defaultSpec());
    assertEquals(5, m.timeoutSeconds());
    assertFalse(m.hidden());
    assertEquals(Optional.empty(), m.password());
    assertEquals(List.of(), m.warnings());
    assertEquals("Debian GNU/Linux, kernel 2.6.32-5-686", DefaultChooser.choose(m).entry().title());
  }

  @Test
  void defaultSavedReadsTheDefaultFileBesideTheConfig() throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .putResource("hd0,msdos1", "/boot/grub/menu.lst", DIR + "debian-squeeze-saved.menu.lst")
        .putResource("hd0,msdos1", "/boot/grub/default", DIR + "debian-squeeze-saved.default");
    Menu m = new Grub1Parser().parse(files.config("/boot/grub/menu.lst"), files);
    assertEquals("2", m.defaultSpec());
    assertEquals("Debian GNU/Linux, kernel 2.6.26-2-686", DefaultChooser.choose(m).entry().title());
    assertTrue(files.reads.contains("hd0,msdos1:/boot/grub/default"));
  }

  @Test
  void defaultSavedFollowsTheConfigDirectory() throws Exception {
    // A separate /boot partition: the config is /grub/menu.lst, so the file is /grub/default.
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .putResource("hd0,msdos1", "/grub/menu.lst", DIR + "debian-squeeze-saved.menu.lst")
        .putResource("hd0,msdos1", "/grub/default", DIR + "debian-squeeze-saved.default");
    assertEquals("2", new Grub1Parser().parse(files.config("/grub/menu.lst"), files).defaultSpec());
  }

  @Test
  void defaultSavedWithoutTheFileIsEntryZeroWithAWarning() throws Exception {
    Menu m = parse("debian-squeeze-saved.menu.lst", "/boot/grub/menu.lst");
    assertEquals("0", m.defaultSpec());
    assertTrue(m.warnings().get(0).message().contains("/boot/grub/default does not exist"));
  }

  @Test
  void debianLennyXenDom0() throws Exception {
    Menu m = parse("debian-lenny-xen-update-grub.menu.lst", "/boot/grub/menu.lst");
    assertEquals(5, m.items().size());
    Entry xen = entry(m, 0);
    assertEquals("Xen 3.2-1-i386 / Debian GNU/Linux, kernel 2.6.26-2-xen-686", xen.title());
    assertEquals(Entry.Kind.MULTIBOOT, xen.kind());
    assertEquals("/boot/vmlinuz-2.6.26-2-xen-686", xen.kernel());
    assertEquals("root=/dev/xvda1 ro console=tty0", xen.args());
    assertEquals(List.of("/boot/initrd.img-2.6.26-2-xen-686"), xen.initrds());
    assertTrue(xen.lines().get(1).contains("/boot/xen-3.2-1-i386.gz"));
    assertEquals(Entry.Kind.LINUX, entry(m, 1).kind());
    assertEquals("/boot/vmlinuz-2.6.26-2-xen-686", entry(m, 1).kernel());
    assertEquals("0", m.defaultSpec());
  }

  @Test
  void centos6AnacondaWithXenDefault() throws Exception {
    Menu m = parse("centos6-xen-anaconda.grub.conf", "/grub/grub.conf");
    assertEquals(2, m.items().size());
    assertTrue(m.hidden());
    assertEquals(5, m.timeoutSeconds());
    Entry xen = entry(m, 0);
    assertEquals("CentOS (2.6.32.54-1.el6xen.x86_64)", xen.title());
    assertEquals(Entry.Kind.MULTIBOOT, xen.kind());
    assertEquals("/vmlinuz-2.6.32.54-1.el6xen.x86_64", xen.kernel());
    assertEquals(List.of("/initramfs-2.6.32.54-1.el6xen.x86_64.img"), xen.initrds());
    assertTrue(xen.args().startsWith("ro root=/dev/mapper/VolGroup00-LogVol00 rd_NO_LUKS"));
    Entry plain = entry(m, 1);
    assertEquals(Entry.Kind.LINUX, plain.kind());
    assertEquals("/vmlinuz-2.6.32-220.el6.x86_64", plain.kernel());
    assertEquals(List.of("/initramfs-2.6.32-220.el6.x86_64.img"), plain.initrds());
    // anaconda's double blank before KEYBOARDTYPE is kept, as stage2 keeps it.
    assertEquals("ro root=/dev/mapper/VolGroup00-LogVol00 rd_NO_LUKS LANG=en_US.UTF-8 rd_NO_MD"
        + " quiet SYSFONT=latarcyrheb-sun16 rhgb crashkernel=auto  KEYBOARDTYPE=pc KEYTABLE=de"
        + " rd_LVM_LV=VolGroup00/LogVol01 rd_LVM_LV=VolGroup00/LogVol00 rd_NO_DM", plain.args());
    assertEquals(Optional.of("hd0,0"), plain.root());
    assertEquals("0", m.defaultSpec());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void fedora15MemtestWithKernelTypeNetbsdIsNotLinux() throws Exception {
    Menu m = parse("fedora15-anaconda.grub.conf", "/grub/grub.conf");
    assertEquals(4, m.items().size());
    Entry memtest = entry(m, 1);
    assertEquals("Memtest86+ (4.20)", memtest.title());
    assertEquals(Entry.Kind.OTHER, memtest.kind());
    assertEquals("/elf-memtest86+-4.20", memtest.kernel());
    assertEquals("", memtest.args());
    assertEquals("/vmlinuz-3.6.0-rc4", entry(m, 0).kernel());
    assertTrue(entry(m, 0).args().endsWith("console=tty0 console=ttyS1,115200"));
    assertTrue(m.hidden());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void continuationLinesConfigfileSubmenusAndChainloaders() throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .putResource("hd0,msdos1", "/boot/grub/menu.lst", DIR + "multiboot-configfile.menu.lst")
        .putResource("hd0,msdos11", "/boot/grub/menu.lst", DIR + "centos6-xen-anaconda.grub.conf");
    Menu m = new Grub1Parser().parse(files.config("/boot/grub/menu.lst"), files);
    assertEquals(10, m.items().size());
    assertEquals(60, m.timeoutSeconds());
    Entry f22 = entry(m, 0);
    assertEquals("/boot/grub2/i386-pc/core.img", f22.kernel());
    assertEquals(Optional.of("hd0,4"), f22.root());
    // configfile in an entry: the other partition's menu becomes a submenu.
    Submenu centos = (Submenu) m.items().get(2);
    assertEquals("CentOS 6 64-bit (sda11)", centos.title());
    assertEquals(2, centos.items().size());
    Entry inner = (Entry) centos.items().get(1);
    assertEquals("/vmlinuz-2.6.32-220.el6.x86_64", inner.kernel());
    // Backslash-newline joins lines (stage2 get_line_from_config).
    Entry joined = entry(m, 3);
    assertEquals("/boot/vmlinuz-2.6.32-504.23.4.el6.x86_64", joined.kernel());
    // "ro \\" + newline + 11 blanks: the backslash becomes a blank and the next line's blanks stay.
    assertTrue(joined.args().startsWith("ro" + " ".repeat(13) + "root=UUID=2f60a3b4-ef6c-4d4c"),
        joined.args());
    assertTrue(joined.args().endsWith("rd_NO_DM rhgb quiet"));
    assertFalse(joined.args().contains("\\"));
    Entry slack = entry(m, 7);
    assertEquals(Entry.Kind.OTHER, slack.kind());
    assertEquals("+1", slack.kernel());
    assertEquals(Optional.of("hd0,5"), slack.root());
    Entry windows = entry(m, 9);
    assertEquals("Windows Example", windows.title());
    assertEquals(Optional.of("hd0,0"), windows.root());
    // Partitions that are not there give empty submenus and a warning each, not a failure.
    assertEquals(List.of(), ((Submenu) m.items().get(4)).items());
    assertEquals(2, m.warnings().size());
    assertTrue(m.warnings().get(0).message().contains("no device (hd0,9)"));
  }

  @Test
  void solarisPvDomUWithFindrootAndDollarCommands() throws Exception {
    Menu m = parse("solaris10-pv-domu.menu.lst", "/boot/grub/menu.lst");
    Entry sol = entry(m, 0);
    assertEquals("Oracle Solaris 10 9/10 s10x_u9wos_14a X86", sol.title());
    // kernel$/module$ with $ISADIR: the i86xpv kernel is the PV kernel, the archive its ramdisk.
    assertEquals(Entry.Kind.LINUX, sol.kind());
    assertEquals("/platform/i86xpv/kernel/amd64/unix", sol.kernel());
    assertEquals(List.of("/platform/i86pc/amd64/boot_archive"), sol.initrds());
    assertEquals("/platform/i86xpv/kernel/amd64/unix -B console=hypervisor", sol.args());
    assertEquals(Optional.of("hd0,0,a"), sol.root());
    // The failsafe entry runs Solaris's multiboot loader: a hypervisor-style entry, refused.
    assertEquals(Entry.Kind.MULTIBOOT, entry(m, 1).kind());
    assertEquals(2, m.items().size());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void solarisZfsBootfsFillsZfsBootfsVariable() throws Exception {
    // Oracle's Live Upgrade example: bootfs names the dataset $ZFS-BOOTFS stands for.
    String cfg = "title be1\nfindroot (BE_be1,0,a)\nbootfs rpool/ROOT/szboot_0508\n"
        + "kernel$ /platform/i86xpv/kernel/$ISADIR/unix -B $ZFS-BOOTFS\n"
        + "module$ /platform/i86pc/$ISADIR/boot_archive\n";
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .put("hd0,msdos1", "/boot/grub/menu.lst", cfg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Menu m = new Grub1Parser().parse(files.config("/boot/grub/menu.lst"), files);
    assertEquals("-B zfs-bootfs=rpool/ROOT/szboot_0508", entry(m, 0).args());
  }

  @Test
  void findrootThatIsNotADeviceIsIgnoredWithAWarning() throws Exception {
    String cfg = "title x\nfindroot rootfs0\nkernel /vmlinuz\n";
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .put("hd0,msdos1", "/boot/grub/menu.lst", cfg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Menu m = new Grub1Parser().parse(files.config("/boot/grub/menu.lst"), files);
    assertEquals(Optional.empty(), entry(m, 0).root());
    assertTrue(m.warnings().get(0).message().contains("findroot 'rootfs0'"), m.warnings().toString());
  }
}
