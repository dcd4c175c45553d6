package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests whose configuration is where their own GRUB finds it, not at pygrub's fixed paths
 * (fixtures/make-grub-installs.sh): btrfs roots in subvolumes, GRUB core images whose prefix names
 * the configuration's device and folder.
 */
class GrubInstallsTest {
  private static final String UUID = "5d0b6a1e-7a4c-4f0e-9d3b-2c1f0e9d2a21";

  @TempDir Path out;

  static String image(String name) throws IOException {
    return Fixtures.image("grub-installs/" + name + ".img.xz").toString();
  }

  private Matcher boot(Jgrub r) {
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    return m;
  }

  private void bootsDefaultKernel(String image, String subvol) throws IOException {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, image(image));
    Matcher m = boot(r);
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
    assertEquals("root=UUID=" + UUID + " ro rootflags=subvol=" + subvol + " quiet", m.group(3));
  }

  @Test
  void debianInstallerLayoutWithoutCoreImageIsFoundInSubvolumeRootfs() throws IOException {
    bootsDefaultKernel("btrfs-rootfs-nocore", "@rootfs");
    Jgrub r = Jgrub.run("-q", "-n", "--debug", image("btrfs-rootfs-nocore"));
    assertTrue(
        r.err().contains("using /boot/grub/grub.cfg (grub2) on partition 1 (btrfs) subvolume @rootfs (256)"),
        r.err());
    // The paths are grub-mkrelpath's, from the top of the filesystem, as GRUB reads them.
    assertTrue(r.out().startsWith("linux (kernel '/@rootfs/boot/vmlinuz-6.1.0-56-amd64')"), r.out());
  }

  @Test
  void ubuntuLayoutWithoutCoreImageIsFoundInSubvolumeAt() throws IOException {
    bootsDefaultKernel("btrfs-ubuntu-nocore", "@");
  }

  @Test
  void entriesAreListedFromTheSubvolumeConfiguration() throws IOException {
    Jgrub l = Jgrub.run("-l", image("btrfs-rootfs-nocore"));
    assertEquals(0, l.status(), l.err());
    assertTrue(l.out().contains("title: Debian GNU/Linux, with Linux 6.1.0-55-amd64\n"), l.out());
    assertTrue(l.out().contains("kernel: /@rootfs/boot/vmlinuz-6.1.0-55-amd64\n"), l.out());
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, "--entry=1", image("btrfs-rootfs-nocore"));
    Matcher m = boot(r);
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-55-amd64", BootFiles.kernelSize("55"));
  }

  @Test
  void theErrorNamesTheSubvolumesSearched() throws IOException {
    Jgrub r = Jgrub.run("-q", "--debug", "--output-directory=" + out, image("btrfs-noconfig"));
    assertEquals(1, r.status());
    assertEquals(
        "RuntimeError: no bootloader configuration found; tried partition 1 (btrfs): none of the"
            + " known configuration files (also searched subvolume @rootfs (256), subvolume @home"
            + " (257))",
        r.lastErrLine());
    assertTrue(r.err().contains("searching partition 1 (btrfs) subvolume @home (257)"), r.err());
    assertTrue(
        r.err().contains("partition 1 (btrfs) subvolume @home (257): /boot/grub/grub.cfg: absent"),
        r.err());
  }

  /** sha256 of a copied file, to compare with what grub-fstest read (NAME.oracle). */
  private static String sha256(Path f) throws Exception {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    return java.util.HexFormat.of().formatHex(md.digest(java.nio.file.Files.readAllBytes(f)));
  }

  private static String oracle(String name, String key) throws IOException {
    for (String l : java.nio.file.Files.readAllLines(Fixtures.ROOT.resolve("grub-installs/" + name + ".oracle"))) {
      if (l.startsWith(key + "=")) {
        return l.substring(key.length() + 1);
      }
    }
    throw new AssertionError(name + ".oracle has no " + key);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "bios-btrfs-rootfs, partition 1 (btrfs), /@rootfs/boot/grub/grub.cfg",
    "bios-mbr-ext4, partition 1 (ext4), /boot/grub/grub.cfg",
    "bios-gpt-ext4, 'partition 2 (Linux filesystem, ext4)', /boot/grub/grub.cfg",
    "bios-separate-boot, partition 2 (ext4), /grub/grub.cfg"
  })
  void theInstalledGrubsPrefixLeadsToItsConfiguration(String name, String volume, String cfg)
      throws Exception {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, image(name));
    Matcher m = boot(r);
    String prefix = oracle(name, "prefix");
    assertTrue(
        r.err().contains("using " + cfg + " (grub2) on " + volume + " through GRUB's prefix " + prefix),
        r.err());
    // The kernel jgrub copied is the file GRUB's own filesystem code reads at that path.
    String[] k = oracle(name, "kernel").split(" ");
    assertEquals(k[1], sha256(Path.of(m.group(1))), k[0]);
  }

  @Test
  void aSeparateBootIsReadWhereGrubReadsItNotWherePygrubLooksFirst() throws IOException {
    // Partition 1 keeps a stale /boot/grub/grub.cfg that pygrub's order reaches first.
    Jgrub l = Jgrub.run("-l", image("bios-separate-boot"));
    assertEquals(0, l.status(), l.err());
    assertTrue(l.out().startsWith("title: Debian GNU/Linux\n"), l.out());
    assertTrue(!l.out().contains("Stale"), l.out());
  }

  /** A copy of a committed install with {@code bytes} written at {@code offset}. */
  private Path patched(String name, long offset, byte[] bytes) throws IOException {
    Path p = out.resolve(name + "-" + offset + ".img");
    java.nio.file.Files.copy(Path.of(image(name)), p);
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes), offset);
    }
    return p;
  }

  private static long coreSector(Path img) throws IOException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(img)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      ch.read(b, 0x5c);
      return b.getLong(0);
    }
  }

  @Test
  void aDamagedCoreImageFallsBackToTheSearchWithAWarning() throws IOException {
    long core = coreSector(Path.of(image("bios-btrfs-rootfs"))) * 512;
    // The compressed kernel's sectors zeroed: no module area, no prefix.
    Path img = patched("bios-btrfs-rootfs", core + 512 * 8, new byte[512 * 40]);
    Jgrub r = Jgrub.run("-q", "-n", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("warning: the disk's GRUB core image is unreadable (GRUB core image at sector 1: no LZMA-compressed kernel"), r.err());
    assertTrue(r.err().contains("using /boot/grub/grub.cfg (grub2) on partition 1 (btrfs) subvolume @rootfs (256)"), r.err());
  }

  @Test
  void aPrefixNamingAMissingDeviceFallsBackToTheSearch() throws IOException {
    // Partition 2's MBR entry removed: the prefix (,msdos2)/grub names a device the disk lacks;
    // the search then finds partition 1's stale configuration.
    Path img = patched("bios-separate-boot", 0x1ce, new byte[16]);
    Jgrub l = Jgrub.run("-l", img.toString());
    assertEquals(0, l.status(), l.err());
    assertTrue(l.err().contains("prefix (,msdos2)/grub: device (hd0,msdos2) does not exist; the disk has (hd0,msdos1); searching the volumes instead"), l.err());
    assertTrue(l.out().startsWith("title: Stale entry from the root filesystem\n"), l.out());
  }
}
