package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPT disk whose EFI system partition holds unified kernel images in /EFI/Linux
 * (fixtures/make-uki.sh: objcopy onto systemd-boot's stub, FAT32 by mkfs.vfat, mtools, sgdisk)
 * boots as systemd-boot would: the kernel is the bytes objcopy --dump-section gives for .linux,
 * the ramdisk those of .ucode then .initrd, the args the .cmdline.
 */
class UkiBootTest {
  @TempDir Path dir;

  private static Map<String, String> sha() throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("uki/debian-6.1.0-12.sections"))) {
      String[] f = l.split("\t");
      m.put(f[0], f[2]);
    }
    return m;
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void bootsTheSectionsOfTheDefaultImage() throws Exception {
    Path img = Fixtures.image("uki/uki-esp.img.xz");
    Jgrub r = Jgrub.run("-q", "--output-directory=" + dir, "--args=console=hvc0", img.toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    String cmdline = Files.readString(Fixtures.ROOT.resolve("uki/debian-6.1.0-12.cmdline")).strip();
    assertEquals(cmdline + " console=hvc0", m.group(3));
    Map<String, String> want = sha();
    assertEquals(want.get(".linux"), sha(Files.readAllBytes(Path.of(m.group(1)))), "kernel");
    byte[] rd = Files.readAllBytes(Path.of(m.group(2)));
    assertEquals(40960 + 700001, rd.length);
    assertEquals(want.get(".ucode"), sha(Arrays.copyOfRange(rd, 0, 40960)), "microcode first");
    assertEquals(want.get(".initrd"), sha(Arrays.copyOfRange(rd, 40960, rd.length)), "initrd");
  }

  @Test
  void listsImagesInSystemdBootOrderWithExhaustedTriesLast() throws Exception {
    // 6.1.0-13 is newer, but its boot counter (+0-3) says no tries are left.
    Jgrub r = Jgrub.run("-l", Fixtures.image("uki/uki-esp.img.xz").toString());
    assertEquals(0, r.status(), r.err());
    int a = r.out().indexOf("kernel: /EFI/Linux/debian-6.1.0-12.efi");
    int b = r.out().indexOf("kernel: /EFI/Linux/debian-6.1.0-13+0-3.efi");
    assertTrue(a >= 0 && b > a, r.out());
    // Equal titles and versions: systemd-boot adds the entry id, the file name with ".efi"
    // (bootctl 257 lists "Debian GNU/Linux 12 (bookworm) (12 (bookworm)) (debian-6.1.0-12.efi)").
    assertTrue(r.out().contains(
        "title: Debian GNU/Linux 12 (bookworm) (12 (bookworm)) (debian-6.1.0-12.efi)\n"), r.out());
  }

  @Test
  void anotherImageBootsByEntryIndex() throws Exception {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + dir, "--entry=1",
        Fixtures.image("uki/uki-esp.img.xz").toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals("root=UUID=6c0d3ff5-7e0e-4c4a-a1b2-9e1d2c3b4a50 ro", m.group(3));
    // The stand-in payloads name themselves in every sector (fixtures/boot-tree.py).
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-13-amd64", 310000);
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-13-amd64", 650003);
  }
}
