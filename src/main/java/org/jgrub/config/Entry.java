package org.jgrub.config;

import java.util.List;
import java.util.Optional;

/**
 * A bootable menu entry as the guest's bootloader would run it: paths as written in the config
 * (possibly with a GRUB device prefix such as {@code (hd0,msdos1)/vmlinuz}), arguments expanded.
 *
 * @param root the GRUB device the entry's paths are relative to ("hd0,msdos1", "(hd0,0)"), when
 *     the config set one
 * @param kind what loader the entry uses; only {@link Kind#LINUX} boots as a PV guest
 * @param users GRUB 2 {@code --users}, when given
 * @param unrestricted GRUB 2 {@code --unrestricted}: bootable without the password
 * @param lines the entry's body as written, for the menu's editor
 */
public record Entry(
    String title,
    String id,
    List<String> classes,
    String kernel,
    List<String> initrds,
    String args,
    Optional<String> root,
    Kind kind,
    Optional<String> users,
    boolean unrestricted,
    List<String> lines)
    implements MenuItem {

  /** The loader an entry uses. */
  public enum Kind {
    /** A Linux (or other PV) kernel: {@code linux}, {@code kernel}, {@code LINUX}, {@code image=}. */
    LINUX,
    /**
     * A unified kernel image (Boot Loader Specification Type #2): {@code kernel} names a PE file
     * whose {@code .linux} section is the kernel and {@code .ucode} and {@code .initrd} the ramdisk.
     */
    UKI,
    /** Xen or another multiboot kernel with modules: listed, not bootable as a PV guest. */
    MULTIBOOT,
    /** chainloader, memtest via linux16 on BIOS, an EFI application: not bootable as a PV guest. */
    OTHER
  }

  public Entry {
    classes = List.copyOf(classes);
    initrds = List.copyOf(initrds);
    lines = List.copyOf(lines);
    args = args == null ? "" : args;
    id = id == null ? "" : id;
  }

  /** A plain Linux entry (the common case for the simpler formats). */
  public static Entry linux(
      String title, String kernel, List<String> initrds, String args, Optional<String> root) {
    return new Entry(
        title, "", List.of(), kernel, initrds, args, root, Kind.LINUX, Optional.empty(), false,
        List.of());
  }

  public Entry withKernel(String newKernel, List<String> newInitrds, String newArgs) {
    return new Entry(
        title, id, classes, newKernel, newInitrds, newArgs, root, kind, users, unrestricted, lines);
  }
}
