package org.jgrub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A GRUB device name as a value: a disk ({@code hd0}, {@code cd}, {@code lvm/VG-LV}, {@code
 * md/NAME}, {@code md0}, {@code lvmid/…}) and the partitions nested in it, outermost first, each an
 * optional partition-map name ({@code msdos}, {@code gpt}, {@code bsd}, {@code sunpc}, {@code
 * sun}, {@code apple}, {@code dvh}; "" when the name leaves it to GRUB) and a number as written.
 *
 * <p>One parser per syntax: {@link #parse} reads GRUB 2's {@code (hd0,msdos1,bsd1)} (disk up to
 * the first comma not escaped by a backslash, as grub-core/kern/device.c reads it; each partition
 * a map name then a number, as grub-core/kern/partition.c reads it) and Linux's {@code /dev/xvda1}
 * (as pygrub and HVM-converted guests write roots); {@link #parseLegacy} reads GRUB legacy's
 * {@code (hd0,0)} and {@code (hd0,0,a)}, which count partitions from 0 and name BSD/Solaris slices
 * by letter. {@link #toString} prints the canonical GRUB 2 form without parentheses.
 */
public record DeviceName(String disk, List<Part> parts) {
  /** The most digits a partition number may have (GRUB rejects numbers above INT_MAX). */
  private static final int MAX_DIGITS = 9;

  /** One partition level: its map name ("" for any) and its number from 1 (0 only as written). */
  public record Part(String map, int number) {
    @Override
    public String toString() {
      return map + number;
    }
  }

  public DeviceName {
    parts = List.copyOf(parts);
  }

  /** A GRUB 2 or Linux device name; empty when it is neither (an empty or malformed name). */
  public static Optional<DeviceName> parse(String written) {
    String d = stripParens(written.trim());
    if (d.startsWith("/dev/")) {
      return linux(d);
    }
    int comma = firstComma(d);
    String disk = comma < 0 ? d : d.substring(0, comma);
    if (disk.isEmpty()) {
      return Optional.empty();
    }
    List<Part> parts = new ArrayList<>();
    while (comma >= 0) {
      int next = d.indexOf(',', comma + 1);
      String c = next < 0 ? d.substring(comma + 1) : d.substring(comma + 1, next);
      Part p = part(c);
      if (p == null) {
        return Optional.empty();
      }
      parts.add(p);
      comma = next;
    }
    return Optional.of(new DeviceName(disk, parts));
  }

  /**
   * A GRUB legacy name: {@code hd0,0} is the first partition ({@code hd0,1} in GRUB 2), a third
   * component is a slice, by letter ({@code a} is 1) or number.
   */
  public static Optional<DeviceName> parseLegacy(String written) {
    String d = stripParens(written.trim());
    if (d.startsWith("/dev/")) {
      return linux(d);
    }
    String[] c = d.split(",", -1);
    if (c.length > 3 || c[0].isEmpty()) {
      return Optional.empty();
    }
    List<Part> parts = new ArrayList<>();
    if (c.length >= 2) {
      Part p = part(c[1]);
      if (p == null) {
        return Optional.empty();
      }
      // A component with a map name ("msdos1") is already GRUB 2's spelling, counted from 1.
      parts.add(p.map().isEmpty() ? new Part("", p.number() + 1) : p);
    }
    if (c.length == 3) {
      Part s = slice(c[2]);
      if (s == null) {
        return Optional.empty();
      }
      parts.add(s);
    }
    return Optional.of(new DeviceName(c[0], parts));
  }

  /** {@code /dev/xvda1}, {@code /dev/sdb}, {@code /dev/hda2}, {@code (/dev/xvda,msdos1)}. */
  private static Optional<DeviceName> linux(String d) {
    int letterAt =
        d.startsWith("/dev/xvd") ? 8 : d.startsWith("/dev/sd") || d.startsWith("/dev/hd") ? 7 : -1;
    if (letterAt < 0 || d.length() <= letterAt) {
      return Optional.empty();
    }
    char letter = d.charAt(letterAt);
    if (letter < 'a' || letter > 'z') {
      return Optional.empty();
    }
    String disk = "hd" + (letter - 'a');
    String rest = d.substring(letterAt + 1);
    if (rest.isEmpty()) {
      return Optional.of(new DeviceName(disk, List.of()));
    }
    return parse(disk + (rest.startsWith(",") ? rest : "," + rest));
  }

  /** A partition component: letters naming the map, then the number ("msdos1", "gpt10", "3"). */
  private static Part part(String c) {
    int i = 0;
    while (i < c.length() && isLetter(c.charAt(i))) {
      i++;
    }
    int n = number(c.substring(i));
    return n < 0 ? null : new Part(c.substring(0, i), n);
  }

  /** A slice: GRUB legacy's letter ("a" is 1, "p" is 16) or a GRUB 2 component ("bsd1"). */
  private static Part slice(String c) {
    if (c.length() == 1 && c.charAt(0) >= 'a' && c.charAt(0) <= 'p') {
      return new Part("", c.charAt(0) - 'a' + 1);
    }
    return part(c);
  }

  /** A decimal number of at most MAX_DIGITS digits, or -1. */
  private static int number(String s) {
    if (s.isEmpty() || s.length() > MAX_DIGITS) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The first comma that a backslash does not escape ({@code lvm/vg\,x} is one disk name). */
  private static int firstComma(String d) {
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        return i;
      }
    }
    return -1;
  }

  /** "(hd0,1)" gives "hd0,1"; anything else is unchanged. */
  public static String stripParens(String d) {
    if (d.length() >= 2 && d.charAt(0) == '(' && d.charAt(d.length() - 1) == ')') {
      return d.substring(1, d.length() - 1);
    }
    return d;
  }

  /** Whether this names a whole disk. */
  public boolean whole() {
    return parts.isEmpty();
  }

  /**
   * Whether this partition name denotes {@code volume} (a name the volume scanner gave): the same
   * disk and the same number at every level written, so "hd0,1" denotes "hd0,msdos1" and, when the
   * scanner lists a Solaris partition's root slice first, "hd0,msdos1,sunpc1". Map names are not
   * compared: pygrub ignores them, and a guest moved from one partition table to another keeps
   * booting.
   */
  public boolean denotes(DeviceName volume) {
    if (!disk.equals(volume.disk) || parts.size() > volume.parts.size() || parts.isEmpty()) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).number() != volume.parts.get(i).number()) {
        return false;
      }
    }
    return true;
  }

  /** The GRUB legacy spelling ("hd0,msdos2" gives "hd0,1"), or the GRUB 2 one when it has none. */
  public String toLegacy() {
    if (parts.size() != 1 || parts.get(0).number() < 1) {
      return toString();
    }
    return disk + "," + (parts.get(0).number() - 1);
  }

  /** The canonical GRUB 2 form, without parentheses: "hd0", "hd0,msdos1", "hd0,msdos1,sunpc1". */
  @Override
  public String toString() {
    if (parts.isEmpty()) {
      return disk;
    }
    StringBuilder sb = new StringBuilder(disk);
    for (Part p : parts) {
      sb.append(',').append(p.map()).append(p.number());
    }
    return sb.toString();
  }
}
