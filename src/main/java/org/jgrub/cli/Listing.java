package org.jgrub.cli;

import java.util.Optional;
import org.jgrub.config.DeviceName;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;

/** The {@code -l} listing, line for line as pygrub prints its images. */
final class Listing {
  private Listing() {}

  static String of(Menu menu) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : menu.flatEntries()) {
      sb.append("title: ").append(Sanitize.text(e.title())).append('\n');
      sb.append("  root: ").append(root(setsRoot(e) ? e.root() : Optional.empty())).append('\n');
      sb.append("  kernel: ").append(orNone(e.kernel())).append('\n');
      sb.append("  args: ").append(orNone(e.args())).append('\n');
      sb.append("  initrd: ")
          .append(e.initrds().isEmpty() ? "None" : Sanitize.text(String.join(" ", e.initrds())))
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * pygrub shows a root only when the entry's own lines set one ({@code set root=…} in GRUB 2,
   * {@code root}/{@code rootnoverify} in GRUB legacy); jgrub's Entry.root also holds the device
   * in effect by default, which the listing leaves out to print what pygrub prints.
   */
  private static boolean setsRoot(Entry e) {
    for (String l : e.lines()) {
      String t = l.trim();
      if (t.startsWith("set root=") || t.startsWith("root ") || t.startsWith("root=")
          || t.startsWith("root\t") || t.startsWith("rootnoverify")) {
        return true;
      }
    }
    return false;
  }

  private static String orNone(String s) {
    return s == null || s.isEmpty() ? "None" : Sanitize.text(s);
  }

  /**
   * pygrub prints a root device as {@code d<disk>p<part>} ("hd0,msdos1" → d0p1, GRUB legacy
   * "hd0,0" → d0p0, "/dev/xvda,msdos1" → d0p1), and None when there is none.
   */
  static String root(Optional<String> root) {
    if (root.isEmpty()) {
      return "None";
    }
    String r = DeviceName.stripParens(root.get().trim());
    // pygrub's GrubDiskPart knows /dev/xvdX only, by its letter, and a partition only after a
    // comma: "/dev/xvda1" lists as d0, "/dev/sda1" as written.
    if (r.startsWith("/dev/")) {
      if (!r.startsWith("/dev/xvd") || r.length() <= 8) {
        return Sanitize.text(root.get());
      }
      if (r.indexOf(',') < 0) {
        return "d" + (r.charAt(8) - 'a');
      }
    }
    Optional<DeviceName> n = DeviceName.parse(r);
    if (n.isEmpty() || !n.get().disk().startsWith("hd") || !digits(n.get().disk().substring(2))) {
      return Sanitize.text(root.get());
    }
    int d = Integer.parseInt(n.get().disk().substring(2));
    if (n.get().whole()) {
      return "d" + d;
    }
    // pygrub prints the number as written (GRUB legacy's 0-based one too), for msdos/gpt only.
    DeviceName.Part p = n.get().parts().get(0);
    boolean simple = n.get().parts().size() == 1
        && (p.map().isEmpty() || p.map().equals("msdos") || p.map().equals("gpt"));
    return simple ? "d" + d + "p" + p.number() : Sanitize.text(root.get());
  }

  private static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
