package org.jgrub.config;

/** GRUB device names as the formats write them, mapped to the GRUB 2 spelling. */
public final class DeviceNames {
  private DeviceNames() {}

  /** Strips parentheses and maps /dev/xvda1-style names (HVM-converted guests) to GRUB names. */
  public static String canonical(String device) {
    String d = device.trim();
    if (d.startsWith("(") && d.endsWith(")")) {
      d = d.substring(1, d.length() - 1);
    }
    if (d.startsWith("/dev/xvd") || d.startsWith("/dev/sd") || d.startsWith("/dev/hd")) {
      // (/dev/xvda,msdos1) or /dev/xvda1: disk letter, then the partition.
      int letterAt = d.startsWith("/dev/xvd") ? 8 : 7;
      if (d.length() > letterAt) {
        int disk = d.charAt(letterAt) - 'a';
        String rest = d.substring(letterAt + 1);
        if (rest.startsWith(",")) {
          return "hd" + disk + rest;
        }
        return rest.isEmpty() ? "hd" + disk : "hd" + disk + "," + rest;
      }
    }
    return d;
  }

  /** GRUB legacy numbers partitions from 0: "hd0,0" → "hd0,1". */
  public static String fromLegacy(String device) {
    String d = canonical(device);
    int c = d.indexOf(',');
    if (c < 0) {
      return d;
    }
    String part = d.substring(c + 1);
    int end = 0;
    while (end < part.length() && Character.isDigit(part.charAt(end))) {
      end++;
    }
    if (end == 0) {
      return d;
    }
    return d.substring(0, c + 1) + (Integer.parseInt(part.substring(0, end)) + 1) + part.substring(end);
  }
}
