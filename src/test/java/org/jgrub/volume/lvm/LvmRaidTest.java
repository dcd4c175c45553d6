package org.jgrub.volume.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;
import org.jgrub.volume.md.MdTestAccess;
import org.junit.jupiter.api.Test;

/**
 * raid1, mirror and raid5 logical volumes made by lvcreate and synced by dm-raid and dm-mirror in a
 * VM (fixtures/make-md.sh, lvm-raid.img): the LVs read, through one leg, the bytes the kernel read
 * through device-mapper (lvm-raid.arrays); the raid5 LV is refused by name.
 */
class LvmRaidTest {
  @Test
  void raid1AndMirrorLvsReadOneLegAndRaid5IsRefusedByName() throws IOException {
    List<String> oracle = Files.readAllLines(Fixtures.ROOT.resolve("md/lvm-raid.arrays"));
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/lvm-raid.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvm/vgr-r1", "lvm/vgr-mir"),
          s.volumes().stream().map(Volume::grubName).toList(), s.notes().toString());
      for (String line : oracle) {
        String[] f = line.split(" ");
        String lv = f[0].substring("/dev/mapper/vgr-".length());
        if (lv.equals("r5")) {
          continue;
        }
        Volume v = s.volumes().get(lv.equals("r1") ? 0 : 1);
        assertEquals(Long.parseLong(f[2]), v.device().size(), lv);
        assertEquals(f[3], MdTestAccess.sha256(v.device()), lv);
        MdTestAccess.assertFilesAsLinuxRead("lvm-raid", lv, v);
      }
      String notes = String.join("\n", s.notes());
      assertTrue(notes.contains("LV \"r5\"") && notes.contains("raid5")
          && notes.contains("not read; jgrub reads linear, striped, mirror and raid1 LVs"), notes);
    }
  }
}
