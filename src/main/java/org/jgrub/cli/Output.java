package org.jgrub.cli;

import java.util.Optional;
import org.jgrub.io.UsageException;

/** pygrub's three output formats for what to boot. */
final class Output {
  private Output() {}

  static String format(String format, String kernel, Optional<String> ramdisk, String args)
      throws UsageException {
    switch (format) {
      case "sxp":
        return sxp(kernel, ramdisk, args);
      case "simple":
        return simple(kernel, ramdisk, args, "\n");
      case "simple0":
        return simple(kernel, ramdisk, args, "\0");
      default:
        throw new UsageException("unknown output format " + format);
    }
  }

  /** {@code linux (kernel 'K')(ramdisk 'R')(args 'A')}, no trailing newline. */
  static String sxp(String kernel, Optional<String> ramdisk, String args) {
    StringBuilder sb = new StringBuilder("linux (kernel ").append(PyRepr.repr(kernel)).append(')');
    if (ramdisk.isPresent() && !ramdisk.get().isEmpty()) {
      sb.append("(ramdisk ").append(PyRepr.repr(ramdisk.get())).append(')');
    }
    if (!args.isEmpty()) {
      sb.append("(args ").append(PyRepr.repr(args)).append(')');
    }
    return sb.toString();
  }

  /** Items ended by {@code sep}, then one more {@code sep}; a value holding sep is an error. */
  static String simple(String kernel, Optional<String> ramdisk, String args, String sep)
      throws UsageException {
    for (String v : new String[] {kernel, ramdisk.orElse(""), args}) {
      if (v.contains(sep)) {
        throw new UsageException("simple format cannot represent delimiter-containing value");
      }
    }
    StringBuilder sb = new StringBuilder("kernel ").append(kernel).append(sep);
    if (ramdisk.isPresent() && !ramdisk.get().isEmpty()) {
      sb.append("ramdisk ").append(ramdisk.get()).append(sep);
    }
    if (!args.isEmpty()) {
      sb.append("args ").append(args).append(sep);
    }
    return sb.append(sep).toString();
  }
}
