package org.jgrub.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.Test;

/**
 * GRUB's UUID names for volume managers' devices, which grub-install writes into the core image's
 * prefix and grub-mkconfig into {@code set root=}: {@code lvmid/VG-UUID/LV-UUID} and {@code
 * mduuid/UUID} name the same volumes as {@code lvm/VG-LV} and {@code md/NAME}. The UUIDs are what
 * mdadm --detail and lvs said when the fixtures were made (fixtures/make-md.sh); grub-fstest 2.06
 * reads the same files through these names ({@code ls (mduuid/cbe9345f…)/} on md-090.img, {@code
 * (mduuid/790fbf91…,msdos1)/} on md-levels.img, {@code (lvmid/cFHCN0-…/wVYgcb-…)/} on
 * md-raid1-lvm.img).
 */
class GrubUuidNamesTest {
  private static DeviceMap map(BlockDevice disk) throws IOException {
    return new DeviceMap(VolumeScanner.scan(disk, Bounds.DEFAULT).volumes(), null, Bounds.DEFAULT);
  }

  /** The UUID mdadm --detail printed for {@code array}, as GRUB spells it (hex, no colons). */
  private static String mdUuid(String image, String array) throws IOException {
    List<String> lines = Files.readAllLines(Fixtures.ROOT.resolve("md/" + image + ".detail"));
    int at = lines.indexOf("### mdadm --detail " + array);
    assertTrue(at >= 0, array);
    for (String l : lines.subList(at, lines.size())) {
      if (l.strip().startsWith("UUID : ")) {
        return l.strip().substring("UUID : ".length()).split(" ")[0].replace(":", "");
      }
    }
    throw new AssertionError(image + ".detail: no UUID for " + array);
  }

  @Test
  void mdArraysAndTheirPartitionsAnswerToTheirUuidNames() throws IOException {
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-levels.img.xz"))) {
      DeviceMap m = map(disk);
      assertEquals("md/boot", m.volume("mduuid/" + mdUuid("md-levels", "/dev/md10")).grubName());
      assertEquals("md/r5ls", m.volume("(mduuid/" + mdUuid("md-levels", "/dev/md17") + ")").grubName());
      String parted = "mduuid/" + mdUuid("md-levels", "/dev/md22");
      assertEquals("md/parted,msdos1", m.volume(parted + ",msdos1").grubName());
      assertEquals("md/parted,msdos1", m.volume(parted + ",1").grubName());
      NotFoundException e = assertThrows(NotFoundException.class,
          () -> m.volume("mduuid/00000000000000000000000000000000"));
      assertTrue(e.getMessage().contains("(md/boot)"), e.getMessage());
    }
  }

  @Test
  void anArrayWith090MetadataAnswersToTheUuidGrubReads() throws IOException {
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-090.img.xz"))) {
      assertEquals("md/md0", map(disk).volume("mduuid/" + mdUuid("md-090", "/dev/md0")).grubName());
    }
  }

  @Test
  void aLogicalVolumeAnswersToItsLvmidName() throws IOException {
    // lvs -o lv_name,vg_name,lv_uuid,vg_uuid: "root vg0 LV-UUID VG-UUID ...".
    String row = Files.readAllLines(Fixtures.ROOT.resolve("md/md-raid1-lvm.detail")).stream()
        .filter(l -> l.strip().startsWith("root vg0 ")).findFirst().orElseThrow();
    String[] f = row.strip().split("\\s+");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-raid1-lvm.img.xz"))) {
      DeviceMap m = map(disk);
      assertEquals("lvm/vg0-root", m.volume("lvmid/" + f[3] + "/" + f[2]).grubName());
      // Swapped, the two UUIDs name nothing.
      assertThrows(NotFoundException.class, () -> m.volume("lvmid/" + f[2] + "/" + f[3]));
    }
  }
}
