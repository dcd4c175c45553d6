package org.jgrub.config.uki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A multi-profile unified kernel image built by ukify 257 (--profile, --join-profile; fixtures/
 * make-systemd-boot.sh) reads, profile by profile, to the sections python3-pefile lists (the
 * oracle debian-6.1.0-11.sections); section tables that lie about their profiles end in one clear
 * error each.
 */
class MultiProfileTest {
  private static final String DIR = "systemd-boot/";

  private static byte[] image() throws IOException {
    return Files.readAllBytes(Fixtures.image(DIR + "debian-6.1.0-11.efi.xz"));
  }

  /** The oracle's rows: name, size, sha256, in table order. */
  private static List<String[]> oracle() throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve(DIR + "debian-6.1.0-11.sections"))) {
      if (!l.startsWith("#")) {
        out.add(l.split("\t"));
      }
    }
    return out;
  }

  /** The sha256 of the {@code nth} section named {@code name}. */
  private static String want(String name, int nth) throws IOException {
    int k = 0;
    for (String[] r : oracle()) {
      if (r[0].equals(name) && k++ == nth) {
        return r[2];
      }
    }
    throw new AssertionError(name + " #" + nth);
  }

  private static String sha(byte[] b, UnifiedImage.Range r) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(b, (int) r.offset(), (int) r.length());
    return HexFormat.of().formatHex(d.digest());
  }

  private static String sha(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void eachProfileIsTheBaseWithItsOwnSections() throws Exception {
    byte[] b = image();
    List<UnifiedImage> all = UnifiedImage.readAll(UnifiedImageTest.source(b), "multi.efi");
    assertEquals(3, all.size());
    for (int p = 0; p < 3; p++) {
      UnifiedImage u = all.get(p);
      assertEquals(p, u.profile());
      assertTrue(u.hasProfileSection());
      // The kernel and initrd are the base's in every profile: no profile overrides them.
      assertEquals(want(".linux", 0), sha(b, u.kernel()));
      assertEquals(1, u.initrds().size());
      assertEquals(want(".initrd", 0), sha(b, u.initrds().get(0)));
      // Profile p boots the p-th .cmdline ukify wrote (the base's for profile 0). The text has no
      // trailing newline, so the trimmed text hashes like the section.
      assertEquals(want(".cmdline", p), sha(u.cmdline()), "profile " + p);
      assertEquals("Debian GNU/Linux 13 (trixie)", u.osRelease().prettyName());
    }
    assertNull(all.get(0).profileId());
    assertEquals("Default", all.get(0).profileTitle());
    assertEquals("rescue", all.get(1).profileId());
    assertEquals("Rescue shell", all.get(1).profileTitle());
    assertEquals("factory-reset", all.get(2).profileId());
    assertNull(all.get(2).profileTitle());
    assertTrue(all.get(1).cmdline().endsWith("systemd.unit=rescue.target"));
  }

  @Test
  void aProfileTheImageDoesNotHaveIsAnError() throws Exception {
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> UnifiedImage.read(UnifiedImageTest.source(image()), "multi.efi", 3));
    assertTrue(e.getMessage().contains("has 3 profiles, no profile 3"), e.getMessage());
  }

  @Test
  void withoutProfileSectionsThereIsOneProfileAndTheFirstSectionWins() throws Exception {
    byte[] b = image();
    for (int k = 0; k < 3; k++) {
      rename(b, nth(b, ".profile", 0), ".profilx");
    }
    List<UnifiedImage> all = UnifiedImage.readAll(UnifiedImageTest.source(b), "multi.efi");
    assertEquals(1, all.size());
    assertEquals(want(".cmdline", 0), sha(all.get(0).cmdline()));
  }

  @Test
  void aProfileSectionLargerThanItsDataIsRefused() throws Exception {
    byte[] b = image();
    int h = nth(b, ".profile", 1);
    put(b, h + 8, get(b, h + 16) + 1);
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> UnifiedImage.readAll(UnifiedImageTest.source(b), "multi.efi"));
    assertTrue(e.getMessage().startsWith("multi.efi profile 1: section .profile claims "),
        e.getMessage());
  }

  @Test
  void aProfilesCmdlineInsideTheKernelIsRefused() throws Exception {
    byte[] b = image();
    int cmd = nth(b, ".cmdline", 1);
    put(b, cmd + 20, get(b, nth(b, ".linux", 0) + 20) + 512);
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> UnifiedImage.readAll(UnifiedImageTest.source(b), "multi.efi"));
    assertTrue(e.getMessage().contains("profile 1: sections .linux and .cmdline overlap"),
        e.getMessage());
  }

  @Test
  void aProfileTextOutsideTheFileIsRefused() throws Exception {
    byte[] b = image();
    int h = nth(b, ".profile", 2);
    put(b, h + 20, 0x7ffff000);
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> UnifiedImage.readAll(UnifiedImageTest.source(b), "multi.efi"));
    assertTrue(e.getMessage().contains("'.profile' raw data 2147479552+"), e.getMessage());
  }

  private static int nth(byte[] b, String name, int nth) {
    ByteBuffer v = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int pe = v.getInt(0x3c);
    int count = v.getShort(pe + 6) & 0xffff;
    int table = pe + 24 + (v.getShort(pe + 20) & 0xffff);
    int seen = 0;
    for (int k = 0; k < count; k++) {
      String n = new String(b, table + 40 * k, 8, StandardCharsets.US_ASCII).replace("\0", "");
      if (n.equals(name) && seen++ == nth) {
        return table + 40 * k;
      }
    }
    throw new AssertionError("no section " + name + " #" + nth);
  }

  private static int get(byte[] b, int at) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
  }

  private static void put(byte[] b, int at, int v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
  }

  private static void rename(byte[] b, int header, String to) {
    byte[] n = to.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, b, header, n.length);
  }
}
