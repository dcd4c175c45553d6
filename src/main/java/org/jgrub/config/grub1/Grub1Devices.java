package org.jgrub.config.grub1;

import java.util.List;
import java.util.Optional;

/**
 * GRUB legacy device names ("hd0,0": disk 0, first partition, counted from 0) and their GRUB 2
 * spelling ("hd0,msdos1", counted from 1), which is what {@code GuestFiles} speaks.
 */
public final class Grub1Devices {
  private Grub1Devices() {}

  /** A path with an optional "(device)" prefix: "(hd0,0)/vmlinuz" gives "hd0,0" and "/vmlinuz". */
  record DevicePath(Optional<String> device, String path) {}

  static DevicePath split(String s) {
    if (!s.startsWith("(")) {
      return new DevicePath(Optional.empty(), s);
    }
    int close = s.indexOf(')');
    if (close < 0) {
      return new DevicePath(Optional.empty(), s);
    }
    return new DevicePath(Optional.of(s.substring(1, close)), s.substring(close + 1));
  }

  /**
   * The GRUB 2 name of a GRUB legacy device among {@code devices}: "hd0" stays "hd0"; "hd0,0"
   * becomes the first "hd0,&lt;scheme&gt;1" (for a Solaris partition, its first slice: the root
   * slice); "hd0,0,a" the first slice of it ("hd0,msdos1,sunpc1").
   */
  public static Optional<String> toGuestDevice(String legacy, List<String> devices) {
    String[] parts = legacy.split(",", -1);
    if (parts.length == 1) {
      return devices.contains(legacy) ? Optional.of(legacy) : Optional.empty();
    }
    int part = Grub1Numbers.parse(parts[1]);
    String sub = parts.length == 3 ? sliceNumber(parts[2]) : "";
    if (part < 0 || part == Integer.MAX_VALUE || parts.length > 3
        || (parts.length == 3 && sub.isEmpty())) {
      return Optional.empty();
    }
    String want = Integer.toString(part + 1);
    for (String d : devices) {
      String[] dp = d.split(",", -1);
      if (dp.length >= 2 && dp[0].equals(parts[0]) && want.equals(partitionNumber(dp[1]))
          && (sub.isEmpty() || (dp.length == 3 && sub.equals(partitionNumber(dp[2]))))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * A slice (BSD or Solaris sub-partition) as a number from 1: GRUB legacy's letter "a" is 1, "c"
   * is 3; a GRUB 2 component ("sunpc3", "3") keeps its number; "" when it is neither.
   */
  public static String sliceNumber(String component) {
    if (component.length() == 1 && component.charAt(0) >= 'a' && component.charAt(0) <= 'p') {
      return Integer.toString(component.charAt(0) - 'a' + 1);
    }
    return partitionNumber(component);
  }

  /** The GRUB legacy name of a GRUB 2 device name: "hd0,msdos2" gives "hd0,1". */
  public static String toLegacy(String grub2) {
    int comma = grub2.indexOf(',');
    if (comma < 0) {
      return grub2;
    }
    String num = partitionNumber(grub2.substring(comma + 1));
    int n = num.isEmpty() ? -1 : Grub1Numbers.parse(num);
    if (n <= 0) {
      return grub2;
    }
    return grub2.substring(0, comma) + "," + (n - 1);
  }

  /** "msdos2" gives "2", "gpt10" gives "10", "3" gives "3". */
  private static String partitionNumber(String part) {
    int i = 0;
    while (i < part.length() && !Character.isDigit(part.charAt(i))) {
      i++;
    }
    int j = i;
    while (j < part.length() && Character.isDigit(part.charAt(j))) {
      j++;
    }
    return j == part.length() ? part.substring(i) : "";
  }
}
