package org.jgrub.volume.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;
import org.jgrub.io.LimitExceededException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.PartitionFiles;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MD members on the guest's other disks (--md-member): md-missing.img lacks the partitions
 * without which raid0, raid10, raid6 and linear cannot be read (fixtures/make-md.sh deleted 9,
 * 10, 11, 23, 24 and 31 from md-levels.img's GPT); those partitions of md-levels.img, each copied
 * to a file of its own, complete the arrays, which then read the bytes the kernel read.
 */
class MdMemberDisksTest {
  private static final List<Integer> DELETED = List.of(9, 10, 11, 23, 24, 31);

  @TempDir Path tmp;

  private List<BlockDevice> members(List<Integer> partitions) throws IOException {
    Path levels = Fixtures.image("md/md-levels.img.xz");
    List<BlockDevice> out = new ArrayList<>();
    for (int p : partitions) {
      out.add(RawImage.open(PartitionFiles.copy(levels, p, tmp.resolve("part" + p))));
    }
    return out;
  }

  private static void closeAll(List<BlockDevice> ds) throws IOException {
    for (BlockDevice d : ds) {
      d.close();
    }
  }

  @Test
  void membersOnOtherDisksCompleteTheArrays() throws IOException {
    Map<String, String[]> o = MdTest.oracle("md-levels");
    List<BlockDevice> lent = members(DELETED);
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-missing.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, lent, Bounds.DEFAULT);
      for (Map.Entry<String, String> e : MdTest.LEVELS.entrySet()) {
        Volume v = MdTest.byName(s, e.getValue());
        assertEquals(o.get(e.getKey())[1], MdTest.sha256(v.device()), e.getValue() + " sha256");
      }
      String r0 = MdTest.byName(s, "md/r0").description();
      assertTrue(r0.contains("2 of 2 members"), r0);
      String r6 = MdTest.byName(s, "md/r6").description();
      assertTrue(r6.contains("4 of 4 members"), r6);
      // The lent disks' members are the arrays' now; no other volume of theirs is listed.
      for (Volume v : s.volumes()) {
        assertTrue(v.grubName().startsWith("md/"), v.grubName() + " " + v.description());
      }
    } finally {
      closeAll(lent);
    }
  }

  @Test
  void withoutThemTheArraysNameTheOption() throws IOException {
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-missing.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, List.of(), Bounds.DEFAULT);
      String notes = String.join("\n", s.notes());
      assertTrue(notes.contains("give each of those disks with --md-member=FILE"), notes);
    }
  }

  @Test
  void nothingButMdMembersIsTakenFromTheOtherDisks() throws IOException {
    // An LVM PV on a whole disk (fixtures/make-lvm.sh): it lends no member, and its LV is not
    // the guest disk's.
    List<BlockDevice> lent = new ArrayList<>(members(List.of(9)));
    lent.add(RawImage.open(Fixtures.image("lvm/lvm-whole.img.xz")));
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-missing.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, lent, Bounds.DEFAULT);
      List<String> names = s.volumes().stream().map(Volume::grubName).toList();
      assertTrue(names.contains("md/r0"), names + " " + s.notes());
      // (The main disk's members of arrays still incomplete stay listed as hd0,gptN, as without
      // --md-member; nothing of hd1 or hd2 is.)
      assertTrue(names.stream().noneMatch(n -> n.startsWith("lvm/") || n.startsWith("hd1")
          || n.startsWith("hd2")), names.toString());
      String notes = String.join("\n", s.notes());
      assertTrue(notes.contains("--md-member 2: whole disk: not a member of an MD array that could"
          + " be assembled; not used"), notes);
    } finally {
      closeAll(lent);
    }
  }

  @Test
  void atMost32OtherDisks() throws IOException {
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-090.img.xz"))) {
      List<BlockDevice> many = Collections.nCopies(VolumeScanner.MAX_MD_DISKS + 1, disk);
      LimitExceededException e = assertThrows(LimitExceededException.class,
          () -> VolumeScanner.scan(disk, many, Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("at most 32"), e.getMessage());
    }
  }
}
