package org.jgrub.menu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Entry;
import org.jgrub.config.grub2.MapFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.config.grub1.Grub1Parser;
import org.jgrub.config.grub2.Grub2Parser;
import org.jgrub.config.syslinux.SyslinuxParser;

/**
 * The menus the tests drive: real configs parsed by jgrub's own parsers (Xen's
 * tools/pygrub/examples in src/test/resources/configs/grub2/pygrub and configs/syslinux, Debian's
 * update-grub output in configs/grub1, Alpine's update-extlinux output), plus one built here where
 * no parsed file has the shape needed (a long menu to
 * scroll).
 */
final class Menus {
  private Menus() {}

  /** Parses a GRUB 2 config from src/test/resources with the real parser. */
  static Menu grub2(String resource) {
    try {
      byte[] cfg = Files.readAllBytes(MapFiles.resourcePath(resource));
      MapFiles files = new MapFiles(DEV);
      files.put(DEV, "/boot/grub/grub.cfg", cfg);
      return new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub/grub.cfg", cfg), files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a GRUB legacy menu.lst from src/test/resources, with extra lines put in front. */
  static Menu grub1(String resource, String prepended) {
    try {
      byte[] file = Files.readAllBytes(MapFiles.resourcePath(resource));
      byte[] cfg = (prepended + new String(file, StandardCharsets.ISO_8859_1))
          .getBytes(StandardCharsets.ISO_8859_1);
      MapFiles files = new MapFiles(DEV);
      files.put(DEV, "/boot/grub/menu.lst", cfg);
      return new Grub1Parser().parse(new ConfigFile(DEV, "/boot/grub/menu.lst", cfg), files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String DEV = "hd0,msdos1";

  static Menu withPassword(Menu m, Optional<Password> password) {
    return new Menu(
        m.format(), m.source(), m.items(), m.defaultSpec(), m.fallback(), m.timeoutSeconds(),
        m.hidden(), password, m.warnings());
  }

  /** {@code m} with another default ("1>1": the second entry of the second item's submenu). */
  static Menu withDefault(Menu m, String defaultSpec) {
    return new Menu(
        m.format(), m.source(), m.items(), defaultSpec, m.fallback(), m.timeoutSeconds(),
        m.hidden(), m.password(), m.warnings());
  }

  /** ubuntu-14.04-lts.grub2 as shipped: its password_pbkdf2 hash is truncated. */
  static Menu ubuntuAsShipped() {
    return grub2("configs/grub2/pygrub/ubuntu-14.04-lts.grub2");
  }

  /**
   * ubuntu-14.04-lts.grub2 with its password replaced by {@code password} (none: as if the
   * 40_custom lines were not there). Top level: Ubuntu (--unrestricted), the "Advanced options"
   * submenu of two entries, and two memtest entries (restricted).
   */
  static Menu ubuntu(Optional<Password> password) {
    return withPassword(ubuntuAsShipped(), password);
  }

  static Menu ubuntu() {
    return ubuntu(Optional.empty());
  }

  /** rhel-7-beta.grub2: linux16/initrd16, set root='hd0,msdos1'. */
  static Menu rhel7() {
    return grub2("configs/grub2/pygrub/rhel-7-beta.grub2");
  }

  /** fedora-16-with-xen.grub2: two Linux entries and a "Xen 4.1" submenu of multiboot ones. */
  static Menu fedora16() {
    return grub2("configs/grub2/pygrub/fedora-16-with-xen.grub2");
  }

  /**
   * Debian lenny's update-grub menu.lst with a Xen stanza, optionally with a {@code password}
   * line added at the top as an administrator would (the file has it only commented out).
   */
  static Menu lennyXen(String passwordLine) {
    return grub1("configs/grub1/debian-lenny-xen-update-grub.menu.lst", passwordLine);
  }

  /** alpine-linux-2.3.2.extlinux (Xen's example): one LABEL, MENU HIDDEN, TIMEOUT 30 (3 s). */
  static Menu alpine() {
    return syslinux("configs/syslinux/alpine-linux-2.3.2.extlinux");
  }

  /** Parses an extlinux.conf from src/test/resources as /boot/extlinux.conf. */
  static Menu syslinux(String resource) {
    try {
      byte[] cfg = Files.readAllBytes(MapFiles.resourcePath(resource));
      MapFiles files = new MapFiles(DEV);
      files.put(DEV, "/boot/extlinux.conf", cfg);
      return new SyslinuxParser().parse(new ConfigFile(DEV, "/boot/extlinux.conf", cfg), files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
              Optional.of("hd0,0"), Entry.Kind.LINUX, Optional.empty(), true,
              List.of(
                  "root\t\t(hd0,0)",
                  "kernel\t\t/boot/vmlinuz-" + v + " root=/dev/xvda1 ro quiet",
                  "initrd\t\t/boot/initrd.img-" + v)));
    }
    return new Menu(
        org.jgrub.config.grub1.Grub1Format.INSTANCE, "/boot/grub/menu.lst", items, "0", Optional.empty(), 5, false, password,
        List.of());
  }
}
