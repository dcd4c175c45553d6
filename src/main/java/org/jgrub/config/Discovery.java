package org.jgrub.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  private static final ConfigFormat GRUB2 = org.jgrub.config.grub2.Grub2Format.INSTANCE;
  private static final ConfigFormat GRUB1 = org.jgrub.config.grub1.Grub1Format.INSTANCE;
  private static final ConfigFormat BLS = org.jgrub.config.bls.BlsFormat.INSTANCE;
  private static final ConfigFormat SYSLINUX = org.jgrub.config.syslinux.SyslinuxFormat.INSTANCE;
  private static final ConfigFormat LILO = org.jgrub.config.lilo.LiloFormat.INSTANCE;

  /**
   * Every format, one line each. The order is --isconfig's: a host file is the first format its
   * name claims, else the first its text claims, else {@link #HOST_FALLBACK}.
   */
  public static final List<ConfigFormat> FORMATS = List.of(GRUB2, GRUB1, SYSLINUX, LILO, BLS);

  /** What --isconfig assumes when neither the name nor the text tells: syslinux has no marker. */
  static final ConfigFormat HOST_FALLBACK = SYSLINUX;

  /** A place to look: a file (or, for BLS, a directory of entries) and its format. */
  public record Candidate(String path, ConfigFormat format) {}

  /** A config file found, with its format. */
  public record Found(ConfigFile file, ConfigFormat format) {}

  public static final List<Candidate> PYGRUB_ORDER =
      List.of(
          new Candidate("/boot/grub/grub.cfg", GRUB2),
          new Candidate("/grub/grub.cfg", GRUB2),
          new Candidate("/boot/grub2/grub.cfg", GRUB2),
          new Candidate("/grub2/grub.cfg", GRUB2),
          new Candidate("/boot/isolinux/isolinux.cfg", SYSLINUX),
          new Candidate("/boot/extlinux/extlinux.conf", SYSLINUX),
          new Candidate("/boot/extlinux.conf", SYSLINUX),
          new Candidate("/extlinux/extlinux.conf", SYSLINUX),
          new Candidate("/extlinux.conf", SYSLINUX),
          new Candidate("/boot/grub/menu.lst", GRUB1),
          new Candidate("/boot/grub/grub.conf", GRUB1),
          new Candidate("/grub/menu.lst", GRUB1),
          new Candidate("/grub/grub.conf", GRUB1));

  public static final List<Candidate> BEYOND_PYGRUB =
      List.of(
          new Candidate("/loader/entries", BLS),
          new Candidate("/boot/loader/entries", BLS),
          new Candidate("/isolinux/isolinux.cfg", SYSLINUX),
          new Candidate("/isolinux.cfg", SYSLINUX),
          new Candidate("/syslinux/syslinux.cfg", SYSLINUX),
          new Candidate("/boot/syslinux/syslinux.cfg", SYSLINUX),
          new Candidate("/syslinux.cfg", SYSLINUX),
          new Candidate("/etc/lilo.conf", LILO),
          new Candidate("/EFI/*/grub.cfg", GRUB2),
          new Candidate("/boot/efi/EFI/*/grub.cfg", GRUB2),
          // An ESP or XBOOTLDR partition with unified kernel images and no Type #1 entries.
          new Candidate("/EFI/Linux", BLS));

  /**
   * The first candidate of {@code pass} present on {@code device}. {@code tried} receives one line
   * per candidate looked at, for --debug and for the final error.
   */
  public static Optional<Found> find(
      GuestFiles files, String device, List<Candidate> pass, List<String> tried)
      throws IOException {
    int max = files.bounds().limits().configFileBytes;
    for (Candidate c : pass) {
      for (String path : expand(files, device, c.path())) {
        Optional<ConfigFile> f = c.format().read(files, device, path, max);
        if (f.isPresent()) {
          return Optional.of(new Found(f.get(), c.format()));
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

  /** The format named {@code name} (for tools and tests that name one). */
  public static ConfigFormat format(String name) throws UnsupportedFeatureException {
    for (ConfigFormat f : FORMATS) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new UnsupportedFeatureException("no parser for " + name + " configurations");
  }

  /** The parser for the format named {@code name}. */
  public static ConfigParser parser(String name) throws UnsupportedFeatureException {
    return format(name).parser();
  }

  /**
   * The format of a configuration file on the host (--isconfig): told by its name, then by its
   * content.
   */
  public static ConfigFormat hostFormat(String fileName, byte[] content) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    for (ConfigFormat f : FORMATS) {
      if (f.namedLike(n)) {
        return f;
      }
    }
    String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
    for (ConfigFormat f : FORMATS) {
      if (f.readsLike(text)) {
        return f;
      }
    }
    return HOST_FALLBACK;
  }

  /**
   * The language of the menu's command line for {@code menu}'s format: its own when the
   * bootloader has one, else GRUB 2's (syslinux, LILO and systemd-boot have no command line).
   */
  public static ConfigFormat commandLine(ConfigFormat format) {
    return format.hasCommandLine() ? format : GRUB2;
  }
}
