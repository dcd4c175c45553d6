package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guests whose /boot is an LVM2 logical volume, and encrypted ones (fixtures/make-lvm.sh). */
class LvmBootTest {
  @TempDir Path out;

  private static String image(String name) throws IOException {
    return Fixtures.image("lvm/" + name + ".img.xz").toString();
  }

  private Matcher boot(String... argv) {
    Jgrub r = Jgrub.run(argv);
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    return m;
  }

  @Test
  void bootLvNamedBySetRoot() throws IOException {
    Matcher m = boot("-q", "--output-directory=" + out, image("lvm-mbr"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
    assertEquals("root=/dev/mapper/vg0-root ro", m.group(3));
  }

  @Test
  void bootLvFoundBySearchFsUuid() throws IOException {
    Matcher m = boot("-q", "--entry=1", "--output-directory=" + out, image("lvm-mbr"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-55-amd64", BootFiles.kernelSize("55"));
  }

  @Test
  void anotherLvNamedInAPath() throws IOException {
    Matcher m = boot("-q", "--entry=2", "--output-directory=" + out, image("lvm-mbr"));
    assertEquals("lvm root\n", Files.readString(Path.of(m.group(1))));
  }

  @Test
  void lvNamedAsGrubMkconfigNamesIt() throws IOException {
    // set root='lvmid/VGUUID/LVUUID' and search --hint='lvmid/…' --fs-uuid, as grub-mkconfig writes.
    Matcher m = boot("-q", "--entry=3", "--output-directory=" + out, image("lvm-mbr"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
  }

  @Test
  void anotherLvNamedByItsIdInAPath() throws IOException {
    Matcher m = boot("-q", "--entry=4", "--output-directory=" + out, image("lvm-mbr"));
    assertEquals("lvm root\n", Files.readString(Path.of(m.group(1))));
  }

  @Test
  void wholeDiskPv() throws IOException {
    Matcher m = boot("-q", "--output-directory=" + out, image("lvm-whole"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
  }

  @Test
  void stripedLv() throws IOException {
    Matcher m = boot("-q", "--output-directory=" + out, image("lvm-striped"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
  }

  @Test
  void missingPvIsNamedInTheError() throws IOException {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, image("lvm-missing-pv"));
    assertEquals(1, r.status());
    String last = r.lastErrLine();
    assertTrue(last.contains("tried partition 1: LVM2 PV of VG \"vg1\"; LV \"linear\" (ext2)"), last);
    assertTrue(last.contains("LV \"striped\" segment1: PV pv1 ("), last);
  }

  @Test
  void encryptedVolumesAreNamedInTheError() throws IOException {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, image("luks"));
    assertEquals(1, r.status());
    String last = r.lastErrLine();
    assertTrue(last.startsWith("RuntimeError: "), last);
    assertTrue(last.contains("partition 1: encrypted with LUKS1: jgrub does not boot an encrypted /boot"), last);
    assertTrue(last.contains("partition 2: encrypted with LUKS2: jgrub does not boot an encrypted /boot"), last);
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(0, s.count());
    }
  }
}
