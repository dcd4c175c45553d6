package org.jgrub.config.uki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.io.CorruptDataException;
import org.jgrub.pe.PeFile;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A unified kernel image built by objcopy onto systemd-boot's stub (fixtures/make-uki.sh) reads
 * to the bytes objcopy --dump-section extracts (the sizes and sha256 in debian-6.1.0-12.sections);
 * patched copies of it end in one clear error each.
 */
class UnifiedImageTest {
  private static byte[] image() throws IOException {
    return Files.readAllBytes(Fixtures.image("uki/debian-6.1.0-12.efi.xz"));
  }

  /** ".linux" -> {size, sha256}, as objcopy dumped them. */
  private static Map<String, String[]> oracle() throws IOException {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("uki/debian-6.1.0-12.sections"))) {
      String[] f = l.split("\t");
      m.put(f[0], new String[] {f[1], f[2]});
    }
    return m;
  }

  static PeFile.Source source(byte[] b) {
    return new PeFile.Source() {
      @Override
      public long size() {
        return b.length;
      }

      @Override
      public byte[] read(long offset, int length) {
        return Arrays.copyOfRange(b, (int) offset, (int) offset + length);
      }
    };
  }

  private static String sha(byte[] b, UnifiedImage.Range r) throws NoSuchAlgorithmException {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(b, (int) r.offset(), (int) r.length());
    return HexFormat.of().formatHex(d.digest());
  }

  @Test
  void sectionsAreTheBytesObjcopyDumps() throws Exception {
    byte[] b = image();
    Map<String, String[]> want = oracle();
    UnifiedImage u = UnifiedImage.read(source(b), "debian-6.1.0-12.efi");
    assertEquals(".linux", u.kernel().section());
    assertEquals(Long.parseLong(want.get(".linux")[0]), u.kernel().length());
    assertEquals(want.get(".linux")[1], sha(b, u.kernel()));
    assertEquals(List.of(".ucode", ".initrd"),
        u.initrds().stream().map(UnifiedImage.Range::section).toList(), "microcode goes first");
    for (UnifiedImage.Range r : u.initrds()) {
      assertEquals(Long.parseLong(want.get(r.section())[0]), r.length(), r.section());
      assertEquals(want.get(r.section())[1], sha(b, r), r.section());
    }
    String cmdline = Files.readString(Fixtures.ROOT.resolve("uki/debian-6.1.0-12.cmdline"));
    assertEquals(cmdline.strip(), u.cmdline());
    assertEquals("Debian GNU/Linux 12 (bookworm)", u.osRelease().prettyName());
    assertEquals("12", u.osRelease().versionId());
    assertEquals("debian", u.osRelease().id());
    assertEquals("6.1.0-12-amd64", u.uname());
  }

  @Test
  void theStubItselfIsNotAUnifiedImage() throws Exception {
    // The stub's own sections (.text, .sdmagic, ...) without .linux.
    byte[] b = image();
    rename(b, ".linux", ".linuy");
    assertError(b, "no .linux section; not a unified kernel image");
  }

  @Test
  void hostileHeadersEndInOneClearError() throws Exception {
    byte[] b = image();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, b.length - 10);
    assertError(b, "DOS header e_lfanew " + (b.length - 10) + " points outside the file");

    b = image();
    b[pe(b)] = 'X';
    assertError(b, "no PE signature at byte " + pe(image()));

    b = image();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(pe(b) + 6, (short) 97);
    assertError(b, "COFF header claims 97 sections, more than the 96 the PE format allows");

    b = image();
    int table = pe(b) + 24 + (ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(pe(b) + 20)
        & 0xffff);
    assertError(Arrays.copyOf(b, table + 100), "section table");
    assertError(Arrays.copyOf(b, table + 100), "runs past the end of the file (" + (table + 100));

    b = Arrays.copyOf(image(), 63);
    assertError(b, "63 bytes, too small for a PE file");
  }

  @Test
  void hostileSectionsEndInOneClearError() throws Exception {
    byte[] b = image();
    field(b, ".initrd", 20, 0xfffff000);
    assertError(b, "'.initrd' raw data 4294963200+");

    b = image();
    field(b, ".linux", 8, (int) get(b, ".linux", 16) + 1);
    assertError(b, "section .linux claims " + (get(b, ".linux", 16) + 1)
        + " bytes (VirtualSize) but holds " + get(b, ".linux", 16));

    b = image();
    field(b, ".ucode", 20, (int) get(b, ".linux", 20) + 4096);
    assertError(b, "sections .linux and .ucode overlap");

    b = image();
    field(b, ".cmdline", 20, 0);
    assertError(b, "section .cmdline data at byte 0 overlaps the PE headers");
  }

  @Test
  void aZeroVirtualSizeMasksASection() throws Exception {
    byte[] b = image();
    field(b, ".ucode", 8, 0);
    UnifiedImage u = UnifiedImage.read(source(b), "x");
    assertEquals(List.of(".initrd"), u.initrds().stream().map(UnifiedImage.Range::section).toList());
  }

  private static void assertError(byte[] b, String part) {
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> UnifiedImage.read(source(b), "x.efi"));
    assertTrue(e.getMessage().startsWith("x.efi: ") && e.getMessage().contains(part),
        e.getMessage());
  }

  private static int pe(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3c);
  }

  /** The byte where the header of section {@code name} starts. */
  private static int header(byte[] b, String name) {
    ByteBuffer v = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int pe = pe(b);
    int count = v.getShort(pe + 6) & 0xffff;
    int table = pe + 24 + (v.getShort(pe + 20) & 0xffff);
    for (int k = 0; k < count; k++) {
      String n = new String(b, table + 40 * k, 8, StandardCharsets.US_ASCII).replace("\0", "");
      if (n.equals(name)) {
        return table + 40 * k;
      }
    }
    throw new AssertionError("no section " + name);
  }

  private static long get(byte[] b, String name, int off) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(header(b, name) + off)
        & 0xffffffffL;
  }

  private static void field(byte[] b, String name, int off, int value) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(header(b, name) + off, value);
  }

  private static void rename(byte[] b, String from, String to) {
    int h = header(b, from);
    byte[] n = to.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, b, h, n.length);
  }
}
