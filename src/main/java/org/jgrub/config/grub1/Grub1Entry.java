package org.jgrub.config.grub1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;

/**
 * The commands of one {@code title} stanza, read the way stage2 runs them when the entry boots:
 * the last {@code kernel}, {@code initrd} and {@code root} win, {@code module} lines add up.
 */
final class Grub1Entry {
  /** A module line: the file and the command line after it. */
  record Module(String path, String args) {}

  /** Solaris's platform directory for Xen paravirtual kernels. */
  static final String SOLARIS_PV_PLATFORM = "/platform/i86xpv/";

  final String title;
  final int line;
  final List<Grub1Command> commands = new ArrayList<>();
  Optional<String> root = Optional.empty();
  String kernel;
  String kernelArgs = "";
  String kernelType = "";
  String initrd;
  final List<Module> modules = new ArrayList<>();
  /** Solaris: the ZFS dataset {@code $ZFS-BOOTFS} names ({@code bootfs}), or "". */
  String bootfs = "";
  String chainloader;
  Grub1Command configfile;
  boolean locked;
  boolean ownPassword;

  Grub1Entry(String title, int line) {
    this.title = title;
    this.line = line;
  }

  /** Builds the model entry; {@code defaultRoot} applies when the stanza set no root. */
  Entry toEntry(Optional<String> defaultRoot) {
    Optional<String> r = root.isPresent() ? root : defaultRoot;
    List<String> lines = new ArrayList<>();
    for (Grub1Command c : commands) {
      lines.add(c.text());
    }
    Entry.Kind kind;
    String k;
    String args;
    List<String> initrds = new ArrayList<>();
    if (chainloader != null) {
      kind = Entry.Kind.OTHER;
      k = chainloader;
      args = "";
    } else if (kernel == null) {
      // A stanza without a loader (Debian's "Other operating systems:" divider): kept so that
      // "default N" counts entries as GRUB does.
      kind = Entry.Kind.OTHER;
      k = "";
      args = "";
    } else if (kernelType.equals("netbsd") || kernelType.equals("freebsd")
        || kernelType.equals("openbsd")) {
      kind = Entry.Kind.OTHER;
      k = kernel;
      args = kernelArgs;
    } else if (!modules.isEmpty() && kernel.contains(SOLARIS_PV_PLATFORM)) {
      // Solaris as a PV guest: the i86xpv kernel is itself the PV kernel and its first module is
      // the boot archive, the ramdisk (the form Solaris's bootadm writes in a domU).
      kind = Entry.Kind.LINUX;
      k = kernel;
      args = kernelArgs;
      initrds.add(modules.get(0).path());
    } else if (!modules.isEmpty() || kernelType.equals("multiboot")) {
      // Xen: kernel /xen.gz + module vmlinuz ARGS + module initrd. The entry carries the dom0
      // Linux kernel (first module), its arguments and the later modules, the parts a PV boot
      // could use; the hypervisor line stays in lines.
      kind = Entry.Kind.MULTIBOOT;
      if (modules.isEmpty()) {
        k = kernel;
        args = kernelArgs;
      } else {
        k = modules.get(0).path();
        args = modules.get(0).args();
        for (int i = 1; i < modules.size(); i++) {
          initrds.add(modules.get(i).path());
        }
      }
    } else {
      kind = Entry.Kind.LINUX;
      k = kernel;
      args = kernelArgs;
      if (initrd != null) {
        initrds.add(initrd);
      }
    }
    return new Entry(title, "", List.of(), k, initrds, args, r, kind, Optional.empty(),
        !locked && !ownPassword, lines);
  }
}
