package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRUB installed by grub-install --target=i386-pc with its prefix on an LVM logical volume and on
 * an MD RAID1 array (fixtures/make-grub-lvm-md.sh): grub-install names them by UUID, {@code
 * (lvmid/VG-UUID/LV-UUID)/boot/grub} and {@code (mduuid/UUID)/grub}, and jgrub follows that prefix
 * to the configuration as GRUB does.
 */
class GrubLvmMdPrefixTest {
  @TempDir Path out;

  private static String image(String name) throws IOException {
    return Fixtures.image("grub-lvm-md/" + name + ".img.xz").toString();
  }

  private static String oracle(String name, String key) throws IOException {
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("grub-lvm-md/" + name + ".oracle"))) {
      if (l.startsWith(key + "=")) {
        return l.substring(key.length() + 1);
      }
    }
    throw new AssertionError(name + ".oracle has no " + key);
  }

  private static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @ParameterizedTest
  @CsvSource({
    "bios-lvm-root, /boot/grub/grub.cfg, 'partition 1: LVM2 PV of VG \"vg0\"; LV \"root\"',"
        + " 8a3e9d4b-0d7f-4c3b-a06e-5f4c3b2a5d54",
    "bios-md-boot, /grub/grub.cfg, MD raid1 array md/0 (, 9b4fae5c-1e80-4d4c-b17f-6a5d4c3b6e65"
  })
  void theInstalledGrubsPrefixOnAVolumeManagerLeadsToItsConfiguration(
      String name, String cfg, String volume, String uuid) throws Exception {
    Jgrub r = Jgrub.run("-q", "--debug", "--output-directory=" + out, image(name));
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    String prefix = oracle(name, "prefix");
    assertTrue(prefix.startsWith(name.contains("lvm") ? "(lvmid/" : "(mduuid/"), prefix);
    assertTrue(r.err().contains("GRUB core image at sector 1: prefix " + prefix + "\n"), r.err());
    assertTrue(!r.err().contains("warning"), r.err());
    String using = r.err().lines().filter(l -> l.startsWith("jgrub: using ")).findFirst().orElseThrow();
    assertTrue(using.startsWith("jgrub: using " + cfg + " (grub2) on " + volume), using);
    assertTrue(using.endsWith(" (ext4) through GRUB's prefix " + prefix), using);
    // The kernel jgrub copied is the file GRUB's own LVM/MD and ext2 code reads through the prefix.
    String[] k = oracle(name, "kernel").split(" ");
    assertEquals(k[1], sha256(Path.of(m.group(1))), k[0]);
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
    assertEquals("root=UUID=" + uuid + " ro quiet", m.group(3));
  }

  /** A copy of a committed image with MBR partition entry {@code n} (1-4) zeroed. */
  private Path withoutPartition(String name, int n) throws IOException {
    Files.createDirectories(out.resolve("o"));
    Path p = out.resolve(name + "-without-" + n + ".img");
    Files.copy(Path.of(image(name)), p);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(16), 446 + 16L * (n - 1));
    }
    return p;
  }

  @Test
  void aPrefixOnARaid1MissingAMemberIsStillFollowed() throws IOException {
    Path img = withoutPartition("bios-md-boot", 2);
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out.resolve("o").toString(), img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("1 of 2 members (ext4) through GRUB's prefix "
        + oracle("bios-md-boot", "prefix")), r.err());
  }

  @Test
  void aPrefixOnAVolumeGroupTheDiskLacksIsAWarningAndTheSearchGoesOn() throws IOException {
    Path img = withoutPartition("bios-lvm-root", 1);
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out.resolve("o").toString(), img.toString());
    String prefix = oracle("bios-lvm-root", "prefix");
    String dev = prefix.substring(1, prefix.indexOf(')'));
    assertTrue(r.err().contains("warning: GRUB core image at sector 1: prefix " + prefix + ": device ("
        + dev + ") does not exist; the disk has (hd0); searching the volumes instead"), r.err());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().startsWith("RuntimeError: "), r.lastErrLine());
  }
}
