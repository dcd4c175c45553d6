package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Entry;

/**
 * The loader commands an entry's body runs: {@code linux}/{@code linux16}/{@code linuxefi},
 * {@code initrd*}, {@code multiboot*} with {@code module*}, and the loaders jgrub cannot boot as a
 * PV guest ({@code chainloader}, BSD kernels, ...). They record into the entry being run.
 */
final class LoaderCommands {
  private LoaderCommands() {}

  private static String rootNow(Interp in) {
    String r = in.scope.get("root");
    return r == null || r.isEmpty() ? null : Text.stripParens(r);
  }

  private static boolean outsideEntry(Interp in, List<String> argv, int line) {
    if (in.rec == null) {
      in.warn(line, argv.get(0) + " outside a menu entry is ignored");
      return true;
    }
    return false;
  }

  /** Arguments after the path, joined as GRUB joins them for the kernel command line. */
  static String joinFrom(List<String> argv, int from) {
    StringBuilder sb = new StringBuilder();
    for (int k = from; k < argv.size(); k++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(argv.get(k));
    }
    return sb.toString();
  }

  /** Index of the first argument after {@code from} that is not an option ("--nounzip"). */
  private static int firstFile(List<String> argv, int from) {
    int k = from;
    while (k < argv.size() && argv.get(k).startsWith("--")) {
      k++;
    }
    return k;
  }

  static void linux(Interp in, List<String> argv, int line) {
    if (outsideEntry(in, argv, line)) {
      return;
    }
    int k = firstFile(argv, 1);
    if (k >= argv.size()) {
      in.warn(line, argv.get(0) + ": no kernel given");
      in.status = 1;
      return;
    }
    String path = argv.get(k);
    // memtest86+ is loaded with linux16 (BIOS) or linux (EFI) but is no PV kernel.
    Entry.Kind kind = path.contains("memtest") ? Entry.Kind.OTHER : Entry.Kind.LINUX;
    in.rec.loader(kind, BtrfsSubvol.rewrite(in, path), joinFrom(argv, k + 1), rootNow(in));
  }

  static void initrd(Interp in, List<String> argv, int line) {
    if (outsideEntry(in, argv, line)) {
      return;
    }
    if (in.rec.kind == null) {
      in.warn(line, argv.get(0) + " before a kernel was loaded (GRUB: you need to load the kernel first)");
      in.status = 1;
      return;
    }
    List<String> list = new ArrayList<>();
    for (int k = firstFile(argv, 1); k < argv.size(); k++) {
      list.add(BtrfsSubvol.rewrite(in, argv.get(k)));
    }
    in.rec.initrds = list; // each initrd command replaces the previous one
  }

  static void multiboot(Interp in, List<String> argv, int line) {
    if (outsideEntry(in, argv, line)) {
      return;
    }
    int k = firstFile(argv, 1);
    if (k >= argv.size()) {
      in.warn(line, argv.get(0) + ": no kernel given");
      in.status = 1;
      return;
    }
    in.rec.loader(Entry.Kind.MULTIBOOT, argv.get(k), joinFrom(argv, k + 1), rootNow(in));
  }

  static void module(Interp in, List<String> argv, int line) {
    if (outsideEntry(in, argv, line)) {
      return;
    }
    int k = firstFile(argv, 1);
    if (in.rec.kind != Entry.Kind.MULTIBOOT || k >= argv.size()) {
      in.warn(line, argv.get(0) + " without a multiboot kernel or a file");
      in.status = 1;
      return;
    }
    in.rec.initrds.add(argv.get(k));
  }

  static void other(Interp in, List<String> argv, int line) {
    if (in.rec == null) {
      if (argv.get(0).equals("halt") || argv.get(0).equals("reboot")) {
        in.warn(line, argv.get(0) + " outside a menu entry is ignored");
      }
      in.status = argv.get(0).equals("fwsetup") ? 1 : 0;
      return;
    }
    int k = firstFile(argv, 1);
    String path = k < argv.size() ? argv.get(k) : "";
    in.rec.loader(Entry.Kind.OTHER, path, joinFrom(argv, k + 1), rootNow(in));
    in.rec.other = true;
  }

  static void loopback(Interp in, List<String> argv, int line) {
    if (argv.size() >= 3 && !argv.get(1).equals("-d")) {
      in.warn(line, "loopback " + argv.get(1) + " " + argv.get(2)
          + ": files inside a loop device are not resolved; paths on (" + argv.get(1)
          + ") are kept as written");
    }
  }
}
