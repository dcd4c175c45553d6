package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.PartitionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests whose / is on Linux MD RAID, made by mdadm and the md driver in a VM
 * (fixtures/make-md.sh): the one disk image holds the members as partitions.
 */
class MdBootTest {
  @TempDir Path out;

  private static String image(String name) throws IOException {
    return Fixtures.image("md/" + name + ".img.xz").toString();
  }

  private Matcher boot(String... argv) {
    Jgrub r = Jgrub.run(argv);
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    return m;
  }

  @Test
  void lvmOnRaid1AsTheDebianInstallerMakesIt() throws IOException {
    Matcher m = boot("-q", "--output-directory=" + out, image("md-raid1-lvm"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
    assertEquals("root=/dev/mapper/vg0-root ro quiet", m.group(3));
  }

  @Test
  void degradedRaid1With090MetadataNamedByGrubsName() throws IOException {
    Matcher m = boot("-q", "--output-directory=" + out, image("md-090"));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-55-amd64", BootFiles.kernelSize("55"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-55-amd64", BootFiles.initrdSize("55"));
    assertEquals("root=/dev/md0 ro quiet", m.group(3));
  }

  @Test
  void membersOnTwoDisksGivenWithMdMember() throws IOException {
    // md-raid1-lvm's two members, each copied from its partition to a disk file of its own.
    Path img = Fixtures.image("md/md-raid1-lvm.img.xz");
    Path d1 = PartitionFiles.copy(img, 1, out.resolve("member1"));
    Path d2 = PartitionFiles.copy(img, 2, out.resolve("member2"));
    Path boot = Files.createDirectory(out.resolve("boot"));
    Jgrub r = Jgrub.run("-q", "--debug", "--output-directory=" + boot, "--md-member=" + d2, d1.toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    assertTrue(r.err().contains("2 of 2 members"), r.err());
  }

  @Test
  void mdMemberIsRefusedWithRunasAndBeyond32() throws IOException {
    String img = image("md-090");
    Jgrub runas = Jgrub.run("-q", "--runas=65534", "--md-member=" + img, img);
    assertEquals(1, runas.status());
    assertTrue(runas.err().contains("--md-member cannot be combined with --runas"), runas.err());
    String[] argv = new String[35];
    argv[0] = "-q";
    for (int i = 1; i <= 33; i++) {
      argv[i] = "--md-member=" + img;
    }
    argv[34] = img;
    Jgrub many = Jgrub.run(argv);
    assertEquals(1, many.status());
    assertTrue(many.err().contains("33 --md-member disks given; at most 32"), many.err());
  }

  @Test
  void arraysWithMembersOnOtherDisksAreNamedInTheError() throws IOException {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, image("md-missing"));
    assertEquals(1, r.status());
    String last = r.lastErrLine();
    assertTrue(last.startsWith("RuntimeError: "), last);
    assertTrue(last.contains("MD raid0 array md/r0 ("), last);
    assertTrue(last.contains("1 of 2 members found"), last);
    assertTrue(last.contains("an array with members on other disks cannot be assembled without"
        + " them: give each of those disks with --md-member=FILE"), last);
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(0, s.count());
    }
  }
}
