package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern SXP =
      Pattern.compile("linux \\(kernel '([^']*)'\\)(?:\\(ramdisk '([^']*)'\\))?(?:\\(args '([^']*)'\\))?");

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
    "efi-signed-btrfs, /EFI/debian/grubx64.efi, 'partition 2 (Linux filesystem, btrfs)', /@rootfs/boot/grub/grub.cfg, (hd0,gpt2)/@rootfs/boot/grub"
  })
  void theEfiImageLeadsToTheConfigurationGrubReads(
      String name, String efi, String volume, String cfg, String prefix) throws Exception {
    Jgrub r = Jgrub.run("-q", "--debug", "--output-directory=" + out, image(name));
    assertEquals(0, r.status(), r.err());
    Matcher m = SXP.matcher(r.out());
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
  @CsvSource({"efi-removable-ext4", "efi-debian-ext4"})
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
}
