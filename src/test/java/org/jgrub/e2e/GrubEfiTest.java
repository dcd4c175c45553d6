package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guests with GRUB installed for EFI by the real grub-install (fixtures/make-grub-efi.sh): the
 * GRUB image on the EFI system partition leads to the configuration, through its embedded prefix
 * and load.cfg, or through the stub grub.cfg beside Debian's signed image.
 */
class GrubEfiTest {
  @TempDir Path out;

  static String image(String name) throws IOException {
    return Fixtures.image("grub-efi/" + name + ".img.xz").toString();
  }

  static String oracle(String name, String key) throws IOException {
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("grub-efi/" + name + ".oracle"))) {
      if (l.startsWith(key + "=")) {
        return l.substring(key.length() + 1);
      }
    }
    throw new AssertionError(name + ".oracle has no " + key);
  }

  private static String sha256(Path f) throws Exception {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    return java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
  }

  @ParameterizedTest
  @CsvSource({
    "efi-removable-ext4, /EFI/BOOT/BOOTX64.EFI, 'partition 2 (Linux filesystem, ext4)', /boot/grub/grub.cfg, (,gpt2)/boot/grub",
    "efi-debian-ext4, /EFI/debian/grubx64.efi, 'partition 2 (Linux filesystem, ext4)', /boot/grub/grub.cfg, (,gpt2)/boot/grub",
    "efi-signed-btrfs, /EFI/debian/grubx64.efi, 'partition 2 (Linux filesystem, btrfs)', /@rootfs/boot/grub/grub.cfg, (hd0,gpt2)/@rootfs/boot/grub",
    // An MBR ESP (type 0xef) and a 32-bit image (grub_module_info32).
    "efi-mbr-ia32-ext4, /EFI/BOOT/BOOTIA32.EFI, partition 2 (ext4), /boot/grub/grub.cfg, (,msdos2)/boot/grub"
  })
  void theEfiImageLeadsToTheConfigurationGrubReads(
      String name, String efi, String volume, String cfg, String prefix) throws Exception {
    Jgrub r = Jgrub.run("-q", "--debug", "--output-directory=" + out, image(name));
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    assertTrue(r.err().contains(efi + " (GRUB EFI image): prefix "), r.err());
    assertTrue(
        r.err().contains("using " + cfg + " (grub2) on " + volume + " through GRUB's prefix " + prefix),
        r.err());
    // The kernel jgrub copied is the file GRUB's own filesystem code reads at that path.
    String[] k = oracle(name, "kernel").split(" ");
    assertEquals(k[1], sha256(Path.of(m.group(1))), k[0]);
  }

  @ParameterizedTest
  @CsvSource({"efi-removable-ext4", "efi-debian-ext4", "efi-mbr-ia32-ext4"})
  void thePrefixIsTheOneGrubInstallPassedToGrubMkimage(String name) throws IOException {
    Jgrub r = Jgrub.run("-q", "-n", "--debug", image(name));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("(GRUB EFI image): prefix " + oracle(name, "prefix")), r.err());
  }

  @Test
  void theSignedImagesPrefixIsOnTheEspAndItsStubSetsTheNextOne() throws IOException {
    Jgrub r = Jgrub.run("-q", "-n", "--debug", image("efi-signed-btrfs"));
    assertEquals(0, r.status(), r.err());
    // Debian's signed image: prefix /EFI/debian, embedded config "normal (memdisk)/grub.cfg".
    assertTrue(r.err().contains("/EFI/debian/grubx64.efi (GRUB EFI image): prefix /EFI/debian"), r.err());
    // The stub grub-install wrote beside it (oracle: stub=) is run by the interpreter.
    String stub = oracle("efi-signed-btrfs", "stub");
    assertTrue(stub.startsWith("search.fs_uuid 5d0b6a1e-7a4c-4f0e-9d3b-2c1f0e9d2a21 root"), stub);
    assertTrue(r.err().contains("(hd0,gpt1)/EFI/debian/grub.cfg sets the prefix (hd0,gpt2)/@rootfs/boot/grub"), r.err());
  }

  @Test
  void entriesAreListedFromTheConfigurationThePrefixNames() throws IOException {
    Jgrub l = Jgrub.run("-l", image("efi-signed-btrfs"));
    assertEquals(0, l.status(), l.err());
    assertTrue(l.out().startsWith("title: Debian GNU/Linux\n"), l.out());
    assertTrue(l.out().contains("kernel: /@rootfs/boot/vmlinuz-6.1.0-55-amd64\n"), l.out());
  }

  /** The ESP's bytes on the fixtures' disks: partition 1, 8 MiB from sector 2048. */
  private static final long ESP_START = 2048 * 512L;
  private static final long ESP_END = ESP_START + 8 * 1024 * 1024;

  /**
   * A copy of a committed install with the one occurrence of {@code from} on the ESP replaced by
   * {@code to} (the same length: the file's size in its directory entry stays right).
   */
  private Path patchedEsp(String name, byte[] from, byte[] to) throws IOException {
    assertEquals(from.length, to.length);
    Path p = out.resolve(name + "-patched.img");
    Files.copy(Path.of(image(name)), p);
    byte[] esp;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) (ESP_END - ESP_START));
      ch.read(b, ESP_START);
      esp = b.array();
      int at = -1;
      for (int i = 0; i + from.length <= esp.length; i++) {
        if (java.util.Arrays.equals(esp, i, i + from.length, from, 0, from.length)) {
          assertEquals(-1, at, "more than one occurrence on the ESP");
          at = i;
        }
      }
      assertTrue(at >= 0, "not on the ESP: " + new String(from, java.nio.charset.StandardCharsets.ISO_8859_1));
      ch.write(java.nio.ByteBuffer.wrap(to), ESP_START + at);
    }
    return p;
  }

  private static byte[] latin1(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void aModuleAreaThatLiesAboutItsSizeIsAWarningAndTheVolumesAreSearched() throws IOException {
    // struct grub_module_info64: "mimg", padding, offset 24, size; the size made 2^40.
    byte[] info = new byte[24];
    byte[] lie = new byte[24];
    java.nio.ByteBuffer a = java.nio.ByteBuffer.wrap(info).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(lie).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    a.put(latin1("mimg")).putInt(0).putLong(24);
    b.put(latin1("mimg")).putInt(0).putLong(24).putLong(1L << 40);
    // The real size: whatever follows; find it by trying the image's own bytes.
    Path src = Path.of(image("efi-debian-ext4"));
    byte[] disk = Files.readAllBytes(src);
    int at = -1;
    for (int i = (int) ESP_START; i + 24 <= ESP_END; i++) {
      if (java.util.Arrays.equals(disk, i, i + 16, info, 0, 16)) {
        at = i;
        break;
      }
    }
    assertTrue(at > 0, "no module area on the ESP");
    byte[] real = java.util.Arrays.copyOfRange(disk, at, at + 24);
    Path img = patchedEsp("efi-debian-ext4", real, lie);
    Jgrub r = Jgrub.run("-q", "-n", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("/EFI/debian/grubx64.efi: GRUB EFI image unreadable ("), r.err());
    assertTrue(r.err().contains("module area: header offset 24, size 1099511627776 (the section holds"), r.err());
    // pygrub's search still finds the configuration, on partition 2's top level.
    assertTrue(r.out().startsWith("linux (kernel "), r.out());
  }

  @Test
  void aModuleHeaderThatLiesAboutItsSizeIsAWarning() throws IOException {
    // The prefix module's header: type 3, size 32 ("(,gpt2)/boot/grub" padded); size made 2^31.
    byte[] hdr = latin1("\3\0\0\0\u0020\0\0\0(,gpt2)/boot/grub");
    byte[] lie = latin1("\3\0\0\0\0\0\0\u0080(,gpt2)/boot/grub");
    Path img = patchedEsp("efi-debian-ext4", hdr, lie);
    Jgrub r = Jgrub.run("-q", "-n", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("module area: its module headers do not add up to its size"), r.err());
  }

  @Test
  void aPrefixWithoutItsClosingParenthesisIsAWarningAndTheVolumesAreSearched() throws IOException {
    Path img = patchedEsp("efi-debian-ext4", latin1("(,gpt2)/boot/grub\0"), latin1("(,gpt2 /boot/grub\0"));
    Jgrub r = Jgrub.run("-q", "-n", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("prefix (,gpt2 /boot/grub names no device; searching the volumes instead"), r.err());
    assertTrue(r.out().startsWith("linux (kernel "), r.out());
  }

  /** The stub grub-install wrote (oracle stub=, lines joined by '|'), as bytes on the ESP. */
  private static String stub() throws IOException {
    return oracle("efi-signed-btrfs", "stub").replace('|', '\n');
  }

  /** {@code text} padded with a comment to the stub's length. */
  private static byte[] sameLength(String text) throws IOException {
    int n = stub().length();
    StringBuilder sb = new StringBuilder(text).append('#');
    while (sb.length() < n - 1) {
      sb.append('x');
    }
    sb.append('\n');
    assertEquals(n, sb.length(), text);
    return latin1(sb.toString());
  }

  @Test
  void aStubThatKeepsSettingNewPrefixesIsStoppedAndTheVolumesAreSearched() throws IOException {
    Path img = patchedEsp("efi-signed-btrfs", latin1(stub()), sameLength("set prefix=$prefix/.\n"));
    Jgrub r = Jgrub.run("-q", "-n", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("the grub.cfg files under its prefix set prefixes in a loop ("), r.err());
    // The search then finds the configuration in the subvolume.
    assertTrue(r.out().startsWith("linux (kernel '/@rootfs/boot/vmlinuz-6.1.0-56-amd64')"), r.out());
  }

  @Test
  void aStubThatReadsItselfIsBoundedAndTheVolumesAreSearched() throws IOException {
    Path img = patchedEsp("efi-signed-btrfs", latin1(stub()), sameLength("configfile $prefix/grub.cfg\n"));
    Jgrub r = Jgrub.run("-q", "-n", "--debug", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("files included deeper than 8 levels"), r.err());
    assertTrue(r.out().startsWith("linux (kernel '/@rootfs/boot/vmlinuz-6.1.0-56-amd64')"), r.out());
  }
}
