package org.jgrub.pe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.CorruptDataException;

/**
 * The section table of a PE/COFF file (Microsoft PE format: DOS header, "PE\0\0" signature, COFF
 * file header, optional header, section table), read from hostile bytes: every offset and size is
 * checked against the file before it is used, and the section count against the format's limit.
 */
public final class PeFile {
  /** The bytes of one guest file; {@link #read} returns exactly {@code length} bytes or throws. */
  public interface Source {
    long size();

    byte[] read(long offset, int length) throws IOException;
  }

  /**
   * One section header. {@code virtualSize} is the payload's true length (SizeOfRawData is rounded
   * up to the file alignment), as systemd-stub and objcopy read it.
   */
  public record Section(String name, long virtualSize, long rawSize, long rawOffset) {
    /** The payload's length: zero-padded in memory past the raw data, never read past it here. */
    public long dataSize() {
      return Math.min(virtualSize, rawSize);
    }
  }

  /** The PE format's own limit on NumberOfSections (PE format, "COFF File Header"). */
  static final int MAX_SECTIONS = 96;

  private static final int DOS_HEADER = 64;
  private static final int E_LFANEW = 0x3c;
  private static final int COFF_HEADER = 20;
  private static final int SECTION_HEADER = 40;

  /** IMAGE_FILE_MACHINE_I386, _AMD64, _ARM64 (PE format, "Machine Types"). */
  public static final int I386 = 0x14c;
  public static final int AMD64 = 0x8664;
  public static final int ARM64 = 0xaa64;

  private final List<Section> sections;
  private final long headerEnd;
  private final int machine;

  private PeFile(List<Section> sections, long headerEnd, int machine) {
    this.sections = List.copyOf(sections);
    this.headerEnd = headerEnd;
    this.machine = machine;
  }

  /** The COFF header's Machine field ({@link #I386}, {@link #AMD64}, {@link #ARM64}, ...). */
  public int machine() {
    return machine;
  }

  /** The first section with this name, if any. */
  public java.util.Optional<Section> section(String name) {
    for (Section s : sections) {
      if (s.name().equals(name)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }

  /** The sections in table order. */
  public List<Section> sections() {
    return sections;
  }

  /** The first byte after the section table: no payload may lie before it. */
  public long headerEnd() {
    return headerEnd;
  }

  /**
   * Reads the section table; {@code what} names the file in messages. A file that does not start
   * with "MZ" and a PE signature is not a PE file (a corrupt-data error: the caller expected one).
   */
  public static PeFile read(Source src, String what) throws IOException {
    long size = src.size();
    if (size < DOS_HEADER) {
      throw new CorruptDataException(what + ": " + size + " bytes, too small for a PE file");
    }
    byte[] dos = src.read(0, DOS_HEADER);
    if (dos[0] != 'M' || dos[1] != 'Z') {
      throw new CorruptDataException(what + ": no 'MZ' DOS header; not a PE file");
    }
    long peAt = u32(dos, E_LFANEW);
    if (peAt < DOS_HEADER || peAt > size - 4 - COFF_HEADER) {
      throw new CorruptDataException(what + ": DOS header e_lfanew " + peAt
          + " points outside the file (" + size + " bytes)");
    }
    byte[] coff = src.read(peAt, 4 + COFF_HEADER);
    if (coff[0] != 'P' || coff[1] != 'E' || coff[2] != 0 || coff[3] != 0) {
      throw new CorruptDataException(what + ": no PE signature at byte " + peAt);
    }
    int machine = u16(coff, 4);
    int count = u16(coff, 4 + 2);
    int optional = u16(coff, 4 + 16);
    if (count > MAX_SECTIONS) {
      throw new CorruptDataException(what + ": COFF header claims " + count
          + " sections, more than the " + MAX_SECTIONS + " the PE format allows");
    }
    long tableAt = peAt + 4 + COFF_HEADER + optional;
    long tableEnd = tableAt + (long) count * SECTION_HEADER;
    if (tableEnd > size) {
      throw new CorruptDataException(what + ": section table (" + count + " sections at byte "
          + tableAt + ") runs past the end of the file (" + size + " bytes)");
    }
    byte[] table = src.read(tableAt, count * SECTION_HEADER);
    List<Section> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int at = k * SECTION_HEADER;
      Section s = new Section(name(table, at), u32(table, at + 8), u32(table, at + 16),
          u32(table, at + 20));
      if (s.rawSize() > 0 && s.rawOffset() + s.rawSize() > size) {
        throw new CorruptDataException(what + ": section " + k + " '" + s.name() + "' raw data "
            + s.rawOffset() + "+" + s.rawSize() + " lies past the end of the file (" + size
            + " bytes)");
      }
      out.add(s);
    }
    return new PeFile(out, tableEnd, machine);
  }

  /** The 8-byte name, NUL-padded; bytes outside printable ASCII show as '?'. */
  private static String name(byte[] b, int at) {
    StringBuilder sb = new StringBuilder(8);
    for (int i = 0; i < 8 && b[at + i] != 0; i++) {
      int c = b[at + i] & 0xff;
      sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    return sb.toString();
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static long u32(byte[] b, int at) {
    return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xffffffffL;
  }
}
