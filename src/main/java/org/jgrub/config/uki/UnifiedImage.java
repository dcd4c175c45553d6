package org.jgrub.config.uki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.pe.PeFile;

/**
 * What systemd-stub boots from a unified kernel image: the {@code .linux} payload as the kernel,
 * {@code .ucode} then {@code .initrd} as the ramdisk (microcode first, as the stub passes it), and
 * the text of {@code .cmdline}, {@code .osrel} and {@code .uname}. A section named twice counts
 * once, the first, as the stub's lookup finds it.
 *
 * <p>A multi-profile image (systemd 257, {@code ukify --profile}/{@code --join-profile}) has
 * {@code .profile} sections: the sections before the first one are the base, and each {@code
 * .profile} opens a profile holding the sections up to the next one. Profile N boots the base with
 * the sections its block names replaced (systemd's {@code pe_locate_profile_sections}); an image
 * without {@code .profile} has one profile, 0, the base.
 *
 * @param kernel the {@code .linux} bytes of the file
 * @param initrds the ramdisk parts, in the order they are concatenated
 * @param profile which profile these are (0 for a single-profile image)
 * @param profileId {@code ID=} of the profile's {@code .profile} text, or null
 * @param profileTitle {@code TITLE=} of the profile's {@code .profile} text, or null
 * @param hasProfileSection whether the profile has a {@code .profile} section at all
 */
public record UnifiedImage(
    Range kernel,
    List<Range> initrds,
    String cmdline,
    OsRelease osRelease,
    String uname,
    int profile,
    String profileId,
    String profileTitle,
    boolean hasProfileSection) {
  /** Bytes {@code [offset, offset + length)} of the image file. */
  public record Range(String section, long offset, long length) {}

  /** The text sections are small; a larger one is refused rather than read. */
  static final int MAX_TEXT = 64 * 1024;

  /** systemd's UNIFIED_PROFILES_MAX: the stub and systemd-boot look at no more profiles. */
  public static final int MAX_PROFILES = 256;

  public UnifiedImage {
    initrds = List.copyOf(initrds);
  }

  /** Reads the sections of the image's profile 0; {@code what} names it in messages. */
  public static UnifiedImage read(PeFile.Source src, String what) throws IOException {
    return read(src, what, 0);
  }

  /** Reads the sections of profile {@code profile} of the image. */
  public static UnifiedImage read(PeFile.Source src, String what, int profile) throws IOException {
    PeFile pe = PeFile.read(src, what);
    int n = profileCount(pe);
    if (profile < 0 || profile >= n) {
      throw new CorruptDataException(what + ": has " + n + " profile" + (n == 1 ? "" : "s")
          + ", no profile " + profile + " (the .profile sections changed since the menu was read?)");
    }
    return of(src, pe, what, profile);
  }

  /**
   * Every profile of the image, in order, as systemd-boot makes one menu entry of each: one for an
   * image without {@code .profile} sections.
   */
  public static List<UnifiedImage> readAll(PeFile.Source src, String what) throws IOException {
    PeFile pe = PeFile.read(src, what);
    int n = profileCount(pe);
    List<UnifiedImage> out = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      out.add(of(src, pe, what, p));
    }
    return out;
  }

  /** The number of profiles of the image: at least one. */
  public static int profiles(PeFile.Source src, String what) throws IOException {
    return profileCount(PeFile.read(src, what));
  }

  /** The number of profiles: one per {@code .profile} section (at most 256), and at least one. */
  static int profileCount(PeFile pe) throws CorruptDataException {
    int n = 0;
    for (PeFile.Section s : pe.sections()) {
      if (s.name().equals(".profile")) {
        n++;
      }
    }
    if (n > MAX_PROFILES) {
      throw new CorruptDataException("more than " + MAX_PROFILES + " .profile sections");
    }
    return Math.max(n, 1);
  }

  private static UnifiedImage of(PeFile.Source src, PeFile pe, String what, int profile)
      throws IOException {
    Sections s = Sections.of(pe, profile);
    String where = s.profileSection == null ? what : what + " profile " + profile;
    List<PeFile.Section> used = new ArrayList<>();
    PeFile.Section linux = s.find(".linux");
    if (linux == null) {
      throw new CorruptDataException(where + ": no .linux section; not a unified kernel image");
    }
    Range kernel = range(pe, linux, where, used);
    List<Range> initrds = new ArrayList<>();
    PeFile.Section ucode = s.find(".ucode");
    if (ucode != null) {
      initrds.add(range(pe, ucode, where, used));
    }
    PeFile.Section initrd = s.find(".initrd");
    if (initrd != null) {
      initrds.add(range(pe, initrd, where, used));
    }
    String cmdline = text(src, pe, s.find(".cmdline"), where, used).trim();
    OsRelease os = OsRelease.parse(text(src, pe, s.find(".osrel"), where, used));
    String uname = text(src, pe, s.find(".uname"), where, used).trim();
    String id = null;
    String title = null;
    if (s.profileSection != null && s.profileSection.virtualSize() != 0) {
      ProfileText t = ProfileText.parse(text(src, pe, s.profileSection, where, used));
      id = t.id();
      title = t.title();
    }
    return new UnifiedImage(
        kernel, initrds, cmdline, os, uname, profile, id, title, s.profileSection != null);
  }

  /** The section table split as the stub splits it: the base and one profile's block. */
  private static final class Sections {
    final List<PeFile.Section> base = new ArrayList<>();
    final List<PeFile.Section> block = new ArrayList<>();
    PeFile.Section profileSection;

    static Sections of(PeFile pe, int profile) {
      Sections s = new Sections();
      int seen = -1;
      for (PeFile.Section x : pe.sections()) {
        if (x.name().equals(".profile")) {
          seen++;
          if (seen == profile) {
            s.profileSection = x;
          }
          continue;
        }
        if (seen < 0) {
          s.base.add(x);
        } else if (seen == profile) {
          s.block.add(x);
        }
      }
      return s;
    }

    /** The profile's section of that name, else the base's. */
    PeFile.Section find(String name) {
      PeFile.Section p = first(block, name);
      return p != null ? p : first(base, name);
    }
  }

  /** The first section of that name whose size is not zero (a zero size masks a section). */
  private static PeFile.Section first(List<PeFile.Section> list, String name) {
    for (PeFile.Section s : list) {
      if (s.name().equals(name) && s.virtualSize() != 0) {
        return s;
      }
    }
    return null;
  }

  /**
   * The section's payload, checked: inside the raw data the header declares, after the headers,
   * and overlapping no other payload taken from the same file.
   */
  private static Range range(
      PeFile pe, PeFile.Section s, String what, List<PeFile.Section> used)
      throws CorruptDataException {
    if (s.virtualSize() > s.rawSize()) {
      throw new CorruptDataException(what + ": section " + s.name() + " claims " + s.virtualSize()
          + " bytes (VirtualSize) but holds " + s.rawSize() + " in the file (SizeOfRawData)");
    }
    long end = s.rawOffset() + s.virtualSize();
    if (s.rawOffset() < pe.headerEnd()) {
      throw new CorruptDataException(what + ": section " + s.name() + " data at byte "
          + s.rawOffset() + " overlaps the PE headers (they end at byte " + pe.headerEnd() + ")");
    }
    for (PeFile.Section o : used) {
      long oEnd = o.rawOffset() + o.virtualSize();
      if (s.rawOffset() < oEnd && o.rawOffset() < end) {
        throw new CorruptDataException(what + ": sections " + o.name() + " and " + s.name()
            + " overlap (bytes " + o.rawOffset() + ".." + oEnd + " and " + s.rawOffset() + ".."
            + end + ")");
      }
    }
    used.add(s);
    return new Range(s.name(), s.rawOffset(), s.virtualSize());
  }

  private static String text(
      PeFile.Source src, PeFile pe, PeFile.Section s, String what, List<PeFile.Section> used)
      throws IOException {
    if (s == null) {
      return "";
    }
    Range r = range(pe, s, what, used);
    if (r.length() > MAX_TEXT) {
      throw new LimitExceededException(what + ": section " + s.name() + " is " + r.length()
          + " bytes, more than the " + MAX_TEXT + " a text section may have");
    }
    byte[] b = src.read(r.offset(), (int) r.length());
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--; // ukify and objcopy leave the file's bytes; some tools add a NUL terminator.
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }
}
