package org.jgrub.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Which configuration files are looked for, in what order, and which parser reads each. The first
 * pass is pygrub's list, in pygrub's order, so that jgrub picks the same file wherever pygrub
 * finds one; the second pass holds what pygrub never looks at (Boot Loader Specification
 * layouts, syslinux outside /boot, LILO, EFI system partitions). The boot layer runs the first
 * pass over every volume before the second.
 */
public final class Discovery {
  private Discovery() {}

  /** A place to look: a file (or, for BLS, a directory of entries) and its format. */
  public record Candidate(String path, String format) {}

  /** A config file found, with its format. */
  public record Found(ConfigFile file, String format) {}

  public static final List<Candidate> PYGRUB_ORDER =
      List.of(
          new Candidate("/boot/grub/grub.cfg", "grub2"),
          new Candidate("/grub/grub.cfg", "grub2"),
          new Candidate("/boot/grub2/grub.cfg", "grub2"),
          new Candidate("/grub2/grub.cfg", "grub2"),
          new Candidate("/boot/isolinux/isolinux.cfg", "syslinux"),
          new Candidate("/boot/extlinux/extlinux.conf", "syslinux"),
          new Candidate("/boot/extlinux.conf", "syslinux"),
          new Candidate("/extlinux/extlinux.conf", "syslinux"),
          new Candidate("/extlinux.conf", "syslinux"),
          new Candidate("/boot/grub/menu.lst", "grub1"),
          new Candidate("/boot/grub/grub.conf", "grub1"),
          new Candidate("/grub/menu.lst", "grub1"),
          new Candidate("/grub/grub.conf", "grub1"));

  public static final List<Candidate> BEYOND_PYGRUB =
      List.of(
          new Candidate("/loader/entries", "bls"),
          new Candidate("/boot/loader/entries", "bls"),
          new Candidate("/isolinux/isolinux.cfg", "syslinux"),
          new Candidate("/isolinux.cfg", "syslinux"),
          new Candidate("/syslinux/syslinux.cfg", "syslinux"),
          new Candidate("/boot/syslinux/syslinux.cfg", "syslinux"),
          new Candidate("/syslinux.cfg", "syslinux"),
          new Candidate("/etc/lilo.conf", "lilo"),
          new Candidate("/EFI/*/grub.cfg", "grub2"),
          new Candidate("/boot/efi/EFI/*/grub.cfg", "grub2"));

  /**
   * The first candidate of {@code pass} present on {@code device}. {@code tried} receives one line
   * per candidate looked at, for --debug and for the final error.
   */
  public static Optional<Found> find(
      GuestFiles files, String device, List<Candidate> pass, List<String> tried)
      throws IOException {
    int max = Limits.current().configFileBytes;
    for (Candidate c : pass) {
      for (String path : expand(files, device, c.path())) {
        if (c.format().equals("bls")) {
          Optional<GuestFiles.Stat> st = files.stat(device, path);
          if (st.isPresent() && st.get().directory()) {
            String loader = path.substring(0, path.length() - "/entries".length()) + "/loader.conf";
            byte[] conf = files.read(device, loader, max).orElse(new byte[0]);
            return Optional.of(new Found(new ConfigFile(device, path, conf), "bls"));
          }
          tried.add(path + ": absent");
          continue;
        }
        Optional<byte[]> b = files.read(device, path, max);
        if (b.isPresent()) {
          return Optional.of(new Found(new ConfigFile(device, path, b.get()), c.format()));
        }
        tried.add(path + ": absent");
      }
    }
    return Optional.empty();
  }

  /** Expands one '*' component (for /EFI/&#42;/grub.cfg) against the directory listing. */
  private static List<String> expand(GuestFiles files, String device, String pattern)
      throws IOException {
    int star = pattern.indexOf("/*/");
    if (star < 0) {
      return List.of(pattern);
    }
    String dir = pattern.substring(0, star);
    String rest = pattern.substring(star + 2);
    List<String> out = new ArrayList<>();
    for (String name : files.list(device, dir).orElse(List.of())) {
      out.add(dir + "/" + name + rest);
    }
    return out;
  }

  /** The parser for a format; one line per format. */
  public static ConfigParser parser(String format) throws UnsupportedFeatureException {
    switch (format) {
      case "grub2":
        return new org.jgrub.config.grub2.Grub2Parser();
      case "grub1":
        return new org.jgrub.config.grub1.Grub1Parser();
      case "bls":
        return new org.jgrub.config.bls.BlsParser();
      case "syslinux":
        return new org.jgrub.config.syslinux.SyslinuxParser();
      case "lilo":
        return new org.jgrub.config.lilo.LiloParser();
      default:
        throw new UnsupportedFeatureException("no parser for " + format + " configurations");
    }
  }
}
