package org.jgrub.menu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.config.Submenu;

/**
 * Menus with the shape of the real configs in Xen's tools/pygrub/examples (copied into
 * /work/shared/configs/pygrub-examples): titles, ids, bodies (lines as written) and the kernel,
 * initrd and arguments a GRUB-faithful parser derives from them.
 */
final class Menus {
  private Menus() {}

  private static final String UBUNTU_UUID = "c7a4b4ca-71da-4d03-b374-a6b76ebcfc90";
  private static final String UBUNTU_ARGS = "root=/dev/mapper/BoxenSys00-root ro biosdevname=0 quiet";

  private static List<String> ubuntuBody(String kernelArgs, boolean echo) {
    List<String> l = new ArrayList<>();
    l.add("load_video");
    l.add("gfxmode $linux_gfx_mode");
    l.add("insmod gzio");
    l.add("insmod part_msdos");
    l.add("insmod ext2");
    l.add("if [ x$feature_platform_search_hint = xy ]; then");
    l.add("  search --no-floppy --fs-uuid --set=root  86ba9198-4319-4809-908d-6dbe6938b19a");
    l.add("else");
    l.add("  search --no-floppy --fs-uuid --set=root 86ba9198-4319-4809-908d-6dbe6938b19a");
    l.add("fi");
    if (echo) {
      l.add("echo\t'Loading Linux 3.13.0-44-generic ...'");
    }
    l.add("linux\t/vmlinuz-3.13.0-44-generic " + kernelArgs);
    if (echo) {
      l.add("echo\t'Loading initial ramdisk ...'");
    }
    l.add("initrd\t/initrd.img-3.13.0-44-generic");
    return l;
  }

  private static Entry ubuntuEntry(String title, String id, String args, boolean echo) {
    return new Entry(
        title, id, List.of("ubuntu", "gnu-linux", "gnu", "os"), "/vmlinuz-3.13.0-44-generic",
        List.of("/initrd.img-3.13.0-44-generic"), args, Optional.empty(), Entry.Kind.LINUX,
        Optional.empty(), true, ubuntuBody(args, echo));
  }

  /** ubuntu-14.04-lts.grub2 with a working password_pbkdf2 for root (the file's is truncated). */
  static Menu ubuntu(Optional<Password> password) {
    List<MenuItem> items = new ArrayList<>();
    items.add(ubuntuEntry("Ubuntu", "gnulinux-simple-" + UBUNTU_UUID, UBUNTU_ARGS, false));
    items.add(
        new Submenu(
            "Advanced options for Ubuntu", "gnulinux-advanced-" + UBUNTU_UUID,
            List.of(
                ubuntuEntry(
                    "Ubuntu, with Linux 3.13.0-44-generic",
                    "gnulinux-3.13.0-44-generic-advanced-" + UBUNTU_UUID, UBUNTU_ARGS, true),
                ubuntuEntry(
                    "Ubuntu, with Linux 3.13.0-44-generic (recovery mode)",
                    "gnulinux-3.13.0-44-generic-recovery-" + UBUNTU_UUID,
                    "root=/dev/mapper/BoxenSys00-root ro recovery nomodeset biosdevname=0",
                    true))));
    items.add(
        new Entry(
            "Memory test (memtest86+)", "", List.of(), "/memtest86+.elf", List.of(), "",
            Optional.empty(), Entry.Kind.OTHER, Optional.empty(), false,
            List.of("insmod part_msdos", "insmod ext2", "knetbsd\t/memtest86+.elf")));
    items.add(
        new Entry(
            "Memory test (memtest86+, serial console 115200)", "", List.of(), "/memtest86+.bin",
            List.of(), "console=ttyS0,115200n8", Optional.empty(), Entry.Kind.OTHER,
            Optional.empty(), false,
            List.of("insmod part_msdos", "insmod ext2", "linux16\t/memtest86+.bin console=ttyS0,115200n8")));
    return new Menu(
        "grub2", "/boot/grub/grub.cfg", items, "0", Optional.empty(), 5, false, password,
        List.of());
  }

  static Menu ubuntu() {
    return ubuntu(Optional.empty());
  }

  private static final String RHEL_ARGS =
      "root=/dev/mapper/rhel-root ro rd.lvm.lv=rhel/swap vconsole.keymap=uk crashkernel=auto"
          + " rd.lvm.lv=rhel/root vconsole.font=latarcyrheb-sun16";

  private static Entry rhel(String title, String id, String version, String args) {
    List<String> l = new ArrayList<>();
    l.add("load_video");
    if (version.startsWith("3.")) {
      l.add("set gfxpayload=keep");
    }
    l.add("insmod gzio");
    l.add("insmod part_msdos");
    l.add("insmod xfs");
    l.add("set root='hd0,msdos1'");
    l.add("if [ x$feature_platform_search_hint = xy ]; then");
    l.add(
        "  search --no-floppy --fs-uuid --set=root --hint='hd0,msdos1'"
            + "  89ffef78-82b3-457c-bc57-42cccc373851");
    l.add("else");
    l.add("  search --no-floppy --fs-uuid --set=root 89ffef78-82b3-457c-bc57-42cccc373851");
    l.add("fi");
    l.add("linux16 /vmlinuz-" + version + " " + args);
    l.add("initrd16 /initramfs-" + version + ".img");
    return new Entry(
        title, id, List.of("red", "gnu-linux", "gnu", "os"), "/vmlinuz-" + version,
        List.of("/initramfs-" + version + ".img"), args, Optional.of("hd0,msdos1"),
        Entry.Kind.LINUX, Optional.empty(), false, l);
  }

  /** rhel-7-beta.grub2: linux16/initrd16, set root='hd0,msdos1'. */
  static Menu rhel7() {
    String uuid = "d23b8b49-4cfe-4900-8ef1-ec80bc633163";
    return new Menu(
        "grub2", "/boot/grub2/grub.cfg",
        List.of(
            rhel(
                "Red Hat Enterprise Linux Everything, with Linux 3.10.0-54.0.1.el7.x86_64",
                "gnulinux-3.10.0-54.0.1.el7.x86_64-advanced-" + uuid, "3.10.0-54.0.1.el7.x86_64",
                RHEL_ARGS + " LANG=en_GB.UTF-8"),
            rhel(
                "Red Hat Enterprise Linux Everything, with Linux"
                    + " 0-rescue-af34f0b8cf364cdbbe6d093f8228a37f",
                "gnulinux-0-rescue-af34f0b8cf364cdbbe6d093f8228a37f-advanced-" + uuid,
                "0-rescue-af34f0b8cf364cdbbe6d093f8228a37f", RHEL_ARGS)),
        "", Optional.empty(), 5, false, Optional.empty(), List.of());
  }

  private static final String FEDORA_ARGS =
      "root=/dev/mapper/VolGroup-lv_root ro rd.md=0 rd.dm=0 rd.lvm.lv=VolGroup/lv_swap quiet"
          + " SYSFONT=latarcyrheb-sun16 rhgb rd.lvm.lv=VolGroup/lv_root rd.luks=0 "
          + " KEYTABLE=uk LANG=en_US.UTF-8";

  private static Entry fedoraXen(String title, String dom0Args) {
    List<String> l =
        List.of(
            "insmod part_gpt",
            "insmod ext2",
            "set root='(hd0,gpt2)'",
            "search --no-floppy --fs-uuid --set=root f14ea58a-c2b3-4348-8091-3ab733a2f49e",
            "echo\t'Loading Xen 4.1 ...'",
            "multiboot\t/xen-4.1.gz placeholder  ",
            "echo\t'Loading Linux 3.1.0-0.rc9.git0.0.fc16.x86_64 ...'",
            "module\t/vmlinuz-3.1.0-0.rc9.git0.0.fc16.x86_64 placeholder " + dom0Args,
            "echo\t'Loading initial ramdisk ...'",
            "module\t/initramfs-3.1.0-0.rc9.git0.0.fc16.x86_64.img");
    return new Entry(
        title, "", List.of("fedora", "gnu-linux", "gnu", "os", "xen"), "/xen-4.1.gz",
        List.of("/vmlinuz-3.1.0-0.rc9.git0.0.fc16.x86_64",
            "/initramfs-3.1.0-0.rc9.git0.0.fc16.x86_64.img"),
        "placeholder", Optional.of("(hd0,gpt2)"), Entry.Kind.MULTIBOOT, Optional.empty(), false, l);
  }

  /** fedora-16-with-xen.grub2: two Linux entries and a "Xen 4.1" submenu of multiboot ones. */
  static Menu fedora16() {
    String k = "/vmlinuz-3.1.0-0.rc9.git0.0.fc16.x86_64";
    String i = "/initramfs-3.1.0-0.rc9.git0.0.fc16.x86_64.img";
    Entry linux =
        new Entry(
            "Fedora Linux, with Linux 3.1.0-0.rc9.git0.0.fc16.x86_64", "",
            List.of("fedora", "gnu-linux", "gnu", "os"), k, List.of(i), FEDORA_ARGS,
            Optional.of("(hd0,gpt2)"), Entry.Kind.LINUX, Optional.empty(), false,
            List.of(
                "insmod part_gpt", "insmod ext2", "set root='(hd0,gpt2)'",
                "search --no-floppy --fs-uuid --set=root f14ea58a-c2b3-4348-8091-3ab733a2f49e",
                "echo\t'Loading Linux 3.1.0-0.rc9.git0.0.fc16.x86_64 ...'",
                "linux\t" + k + " " + FEDORA_ARGS + " ",
                "echo\t'Loading initial ramdisk ...'", "initrd\t" + i));
    return new Menu(
        "grub2", "/boot/grub2/grub.cfg",
        List.of(
            linux,
            new Submenu(
                "Xen 4.1", "",
                List.of(
                    fedoraXen(
                        "Fedora Linux, with Xen 4.1 and Linux 3.1.0-0.rc9.git0.0.fc16.x86_64",
                        FEDORA_ARGS),
                    fedoraXen(
                        "Fedora Linux, with Xen 4.1 and Linux 3.1.0-0.rc9.git0.0.fc16.x86_64"
                            + " (recovery mode)",
                        FEDORA_ARGS)))),
        "", Optional.empty(), 5, false, Optional.empty(), List.of());
  }

  /** alpine-linux-2.3.2.extlinux: one LABEL, MENU HIDDEN, TIMEOUT 30 (tenths: 3 seconds). */
  static Menu alpine() {
    Entry e =
        new Entry(
            "Linux 3.0.10-grsec", "grsec", List.of(), "/boot/vmlinuz-3.0.10-grsec",
            List.of("/boot/initramfs-3.0.10-grsec"),
            "root=UUID=a97ffe64-430f-4fd3-830e-4736d9a27af0 modules=sd-mod,usb-storage,ext4 quiet",
            Optional.empty(), Entry.Kind.LINUX, Optional.empty(), false, List.of());
    return new Menu(
        "syslinux", "/boot/extlinux.conf", List.of(e), "grsec", Optional.empty(), 3, true,
        Optional.empty(), List.of());
  }

  /**
   * A GRUB legacy menu.lst as Debian's update-grub wrote it, with {@code password --md5}: many
   * kernels, so the box scrolls.
   */
  static Menu legacyMany(Optional<Password> password, int kernels) {
    List<MenuItem> items = new ArrayList<>();
    for (int i = 0; i < kernels; i++) {
      String v = "2.6.32-" + (40 - i) + "-amd64";
      items.add(
          new Entry(
              "Debian GNU/Linux, kernel " + v, "", List.of(), "/boot/vmlinuz-" + v,
              List.of("/boot/initrd.img-" + v), "root=/dev/xvda1 ro quiet",
              Optional.of("(hd0,0)"), Entry.Kind.LINUX, Optional.empty(), false,
              List.of(
                  "root\t\t(hd0,0)",
                  "kernel\t\t/boot/vmlinuz-" + v + " root=/dev/xvda1 ro quiet",
                  "initrd\t\t/boot/initrd.img-" + v)));
    }
    return new Menu(
        "grub1", "/boot/grub/menu.lst", items, "0", Optional.empty(), 5, false, password,
        List.of());
  }
}
