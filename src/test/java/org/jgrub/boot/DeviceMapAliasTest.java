package org.jgrub.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * GRUB's id names ({@code lvmid/VGUUID/LVUUID}, {@code mduuid/HEX}) resolve to the volumes the
 * scanner names {@code lvm/VG-LV} and {@code md/NAME}, on arrays and VGs written by mdadm, the md
 * driver and lvm2 (fixtures/make-md.sh, fixtures/make-lvm.sh); the ids are the ones those tools
 * printed ({@code mdadm --detail}, {@code lvs -o lv_uuid,vg_uuid}).
 */
class DeviceMapAliasTest {
  /** The UUID {@code mdadm --detail DEVICE} printed, from the image's .detail oracle. */
  static String mdadmUuid(String image, String device) throws IOException {
    List<String> lines =
        Files.readAllLines(Fixtures.ROOT.resolve("md/" + image + ".detail"), StandardCharsets.UTF_8);
    int at = lines.indexOf("### mdadm --detail " + device);
    assertTrue(at >= 0, device + " in " + image + ".detail");
    for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("###"); i++) {
      String l = lines.get(i).trim();
      if (l.startsWith("UUID : ")) {
        return l.substring("UUID : ".length()).split(" ")[0];
      }
    }
    throw new AssertionError("no UUID for " + device + " in " + image + ".detail");
  }

  private static DeviceMap map(BlockDevice disk) throws IOException {
    return new DeviceMap(VolumeScanner.scan(disk, Bounds.DEFAULT).volumes(), null, Bounds.DEFAULT);
  }

  @Test
  void aRaid1With090MetadataByItsMduuid() throws IOException {
    String id = "mduuid/" + mdadmUuid("md-090", "/dev/md0").replace(":", "");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-090.img.xz"))) {
      DeviceMap m = map(disk);
      assertEquals("md/md0", m.volume("(" + id + ")").grubName());
      assertTrue(m.stat(id, "/boot/vmlinuz-6.1.0-55-amd64").isPresent());
      assertEquals(m.fs("md/md0").uuid(), m.fs(id).uuid());
    }
  }

  @Test
  void aPartitionInsideAnArrayByItsMduuid() throws IOException {
    String hex = mdadmUuid("md-levels", "/dev/md22").replace(":", "");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-levels.img.xz"))) {
      DeviceMap m = map(disk);
      assertEquals("md/parted,msdos1", m.volume("(mduuid/" + hex + ",msdos1)").grubName());
      assertEquals("md/parted,msdos1", m.volume("mduuid/" + hex + ",1").grubName());
      assertEquals("md/r5ls",
          m.volume("mduuid/" + mdadmUuid("md-levels", "/dev/md17").replace(":", "")).grubName());
      // GRUB compares id names byte for byte (diskfilter.c find_lv): its hex is lowercase.
      assertThrows(NotFoundException.class, () -> m.volume("mduuid/" + hex.toUpperCase()));
    }
  }

  @Test
  void anLvOnARaid1ByItsLvmid() throws IOException {
    List<String> lines = Files.readAllLines(Fixtures.ROOT.resolve("md/md-raid1-lvm.detail"));
    // lvs -a -o lv_name,vg_name,lv_uuid,vg_uuid,...: "root vg0 LVUUID VGUUID linear ..."
    String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
    assertEquals("root", f[0]);
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-raid1-lvm.img.xz"))) {
      DeviceMap m = map(disk);
      assertEquals("lvm/vg0-root", m.volume("lvmid/" + f[3] + "/" + f[2]).grubName());
      assertTrue(m.stat("(lvmid/" + f[3] + "/" + f[2] + ")", "/boot/vmlinuz-6.1.0-56-amd64")
          .isPresent());
      // The VG's id and the LV's, in that order, dashes kept, as grub-core/disk/lvm.c copies them.
      assertThrows(NotFoundException.class, () -> m.volume("lvmid/" + f[2] + "/" + f[3]));
      assertThrows(NotFoundException.class,
          () -> m.volume("lvmid/" + f[3].replace("-", "") + "/" + f[2].replace("-", "")));
    }
  }
}
