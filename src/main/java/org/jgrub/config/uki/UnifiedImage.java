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
 * @param kernel the {@code .linux} bytes of the file
 * @param initrds the ramdisk parts, in the order they are concatenated
 */
public record UnifiedImage(
    Range kernel, List<Range> initrds, String cmdline, OsRelease osRelease, String uname) {
  /** Bytes {@code [offset, offset + length)} of the image file. */
  public record Range(String section, long offset, long length) {}

  /** The text sections are small; a larger one is refused rather than read. */
  static final int MAX_TEXT = 64 * 1024;

  public UnifiedImage {
    initrds = List.copyOf(initrds);
  }

  /** Reads the sections of the image; {@code what} names it in messages. */
  public static UnifiedImage read(PeFile.Source src, String what) throws IOException {
    PeFile pe = PeFile.read(src, what);
    List<PeFile.Section> used = new ArrayList<>();
    PeFile.Section linux = find(pe, ".linux");
    if (linux == null) {
      throw new CorruptDataException(what + ": no .linux section; not a unified kernel image");
    }
    Range kernel = range(pe, linux, what, used);
    List<Range> initrds = new ArrayList<>();
    PeFile.Section ucode = find(pe, ".ucode");
    if (ucode != null) {
      initrds.add(range(pe, ucode, what, used));
    }
    PeFile.Section initrd = find(pe, ".initrd");
    if (initrd != null) {
      initrds.add(range(pe, initrd, what, used));
    }
    String cmdline = text(src, pe, find(pe, ".cmdline"), what, used).trim();
    OsRelease os = OsRelease.parse(text(src, pe, find(pe, ".osrel"), what, used));
    String uname = text(src, pe, find(pe, ".uname"), what, used).trim();
    return new UnifiedImage(kernel, initrds, cmdline, os, uname);
  }

  /** The first section of that name whose size is not zero (a zero size masks a section). */
  private static PeFile.Section find(PeFile pe, String name) {
    for (PeFile.Section s : pe.sections()) {
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
