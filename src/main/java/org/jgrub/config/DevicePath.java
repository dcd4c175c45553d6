package org.jgrub.config;

/**
 * A path as GRUB writes it, split into its device and the path on it: {@code (hd0,gpt2)/boot/x}
 * gives "hd0,gpt2" and "/boot/x"; {@code /x} gives no device (null) and "/x"; {@code (hd0,0)}
 * gives "hd0,0" and "". The device stays as written: which syntax it is in depends on the format
 * ({@link ConfigFormat#device}).
 */
public record DevicePath(String device, String path) {
  public static DevicePath split(String p) {
    if (!p.isEmpty() && p.charAt(0) == '(') {
      int close = p.indexOf(')');
      if (close > 0) {
        return new DevicePath(p.substring(1, close), p.substring(close + 1));
      }
    }
    return new DevicePath(null, p);
  }
}
