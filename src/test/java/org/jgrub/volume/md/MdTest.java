package org.jgrub.volume.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.OverlayDevice;
import org.jgrub.testutil.TreeCheck;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.Test;

/**
 * Arrays made by mdadm and written by the Linux md driver in a VM (fixtures/make-md.sh): every
 * array, assembled from the members on the one disk, reads the bytes the kernel read from it
 * (size and sha256 of the whole array device, recorded in the VM as NAME.arrays).
 */
class MdTest {
  private static final Path DIR = Fixtures.ROOT.resolve("md");

  /** GRUB's name of each array in md-levels.img, by the /dev/mdN the VM made it as. */
  static final Map<String, String> LEVELS = new LinkedHashMap<>();

  static {
    LEVELS.put("/dev/md9", "md/md9"); // raid1 0.90, one member of two
    LEVELS.put("/dev/md10", "md/boot"); // raid1 1.2
    LEVELS.put("/dev/md11", "md/r1v10"); // raid1 1.0
    LEVELS.put("/dev/md12", "md/r1v11"); // raid1 1.1
    LEVELS.put("/dev/md13", "md/r0");
    LEVELS.put("/dev/md14", "md/r10n");
    LEVELS.put("/dev/md15", "md/r10f");
    LEVELS.put("/dev/md16", "md/r10o");
    LEVELS.put("/dev/md17", "md/r5ls");
    LEVELS.put("/dev/md18", "md/r5la");
    LEVELS.put("/dev/md19", "md/r6");
    LEVELS.put("/dev/md20", "md/r4");
    LEVELS.put("/dev/md21", "md/lin");
  }

  static String sha256(BlockDevice d) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      for (long at = 0; at < d.size(); at += b.limit()) {
        b.clear();
        b.limit((int) Math.min(b.capacity(), d.size() - at));
        d.read(at, b);
        md.update(b.array(), 0, b.limit());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** "/dev/mdN" → {size, sha256} as the kernel read the array. */
  static Map<String, String[]> oracle(String image) throws IOException {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DIR.resolve(image + ".arrays"))) {
      String[] f = line.split(" ");
      m.put(f[0], new String[] {f[2], f[3]});
    }
    return m;
  }

  static Volume byName(VolumeScan s, String name) {
    for (Volume v : s.volumes()) {
      if (v.grubName().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name + " in " + s.volumes().stream().map(Volume::grubName).toList()
        + "; notes " + s.notes());
  }

  @Test
  void everyLevelReadsTheBytesLinuxRead() throws IOException {
    Map<String, String[]> o = oracle("md-levels");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-levels.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      for (Map.Entry<String, String> e : LEVELS.entrySet()) {
        Volume v = byName(s, e.getValue());
        String[] want = o.get(e.getKey());
        assertEquals(Long.parseLong(want[0]), v.device().size(), e.getValue() + " size");
        assertEquals(want[1], sha256(v.device()), e.getValue() + " sha256");
      }
    }
  }

  /** Every file the kernel read from {@code label} (NAME.files) reads the same through jgrub. */
  static int assertFilesAsLinuxRead(String image, String label, Volume v) throws IOException {
    int n = 0;
    try (GuestFs fs = FsProbe.probe(v.device(), org.jgrub.io.Bounds.DEFAULT).orElseThrow()) {
      for (String line : Files.readAllLines(DIR.resolve(image + ".files"))) {
        String[] f = line.split(" ", 4);
        if (!f[0].equals(label)) {
          continue;
        }
        String path = f[3].substring(1); // "./etc/hostname"
        assertEquals(f[1], TreeCheck.sha256(fs, PathWalker.resolve(fs, path)), label + path);
        n++;
      }
    }
    assertTrue(n > 0, "no files of " + label + " in " + image + ".files");
    return n;
  }

  @Test
  void oneMemberOfEachRedundantArrayMissingStillReadsTheSameBytes() throws IOException {
    Map<String, String[]> o = oracle("md-levels");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-degraded.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      for (Map.Entry<String, String> e : LEVELS.entrySet()) {
        Volume v = byName(s, e.getValue());
        assertEquals(o.get(e.getKey())[1], sha256(v.device()), e.getValue() + " sha256");
      }
      assertTrue(byName(s, "md/r5ls").description().contains("2 of 3 members"),
          byName(s, "md/r5ls").description());
    }
  }

  @Test
  void arraysMissingMembersTheyNeedAreNamedWithWhatIsMissing() throws IOException {
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-missing.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      List<String> names = s.volumes().stream().map(Volume::grubName).toList();
      for (String gone : List.of("md/r0", "md/r10n", "md/r6", "md/lin")) {
        assertTrue(!names.contains(gone), gone + " in " + names);
      }
      String notes = String.join("\n", s.notes());
      assertTrue(notes.contains("MD raid0 array md/r0 (") && notes.contains(
          "1 of 2 members found (slot 0 partition 8"), notes);
      assertTrue(notes.contains("slots [1] missing: raid0 needs every member"), notes);
      assertTrue(notes.contains("raid6 with two members missing needs the Q syndrome"), notes);
      assertTrue(notes.contains("every copy of chunk 0 lies on a missing member"), notes);
      assertTrue(notes.contains("cannot be assembled"), notes);
      // The arrays that lost nothing they need are still read.
      byName(s, "md/boot");
      byName(s, "md/r5ls");
    }
  }

  @Test
  void aPartitionTableInsideAnArrayGivesItsPartitions() throws IOException {
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-levels.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      Volume p = byName(s, "md/parted,msdos1");
      assertEquals(2, assertFilesAsLinuxRead("md-levels", "md22p1", p));
      assertEquals(2, assertFilesAsLinuxRead("md-levels", "md17", byName(s, "md/r5ls")));
      // No member is left among the volumes: each array took its members' place.
      for (Volume v : s.volumes()) {
        assertTrue(v.grubName().startsWith("md/"), v.grubName() + " " + v.description());
      }
    }
  }

  @Test
  void degradedRaid1With090MetadataReadsFromItsOneMember() throws IOException {
    Map<String, String[]> o = oracle("md-090");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-090.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      Volume v = byName(s, "md/md0");
      assertEquals(List.of("md/md0"), s.volumes().stream().map(Volume::grubName).toList());
      assertEquals(o.get("/dev/md0")[1], sha256(v.device()));
      assertTrue(assertFilesAsLinuxRead("md-090", "md0", v) > 70);
    }
  }

  @Test
  void lvmOnRaid1AsTheDebianInstallerLaysItOut() throws IOException {
    Map<String, String[]> o = oracle("md-raid1-lvm");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-raid1-lvm.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvm/vg0-root"), s.volumes().stream().map(Volume::grubName).toList(),
          s.notes().toString());
      assertTrue(assertFilesAsLinuxRead("md-raid1-lvm", "vg0-root", s.volumes().get(0)) > 70);
    }
    // The array itself, before LVM takes it: "debian:0" is md/0 to GRUB.
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-raid1-lvm.img.xz"))) {
      List<String> notes = new java.util.ArrayList<>();
      List<Volume> arrays =
          Md.expand(VolumeScanner.inside(disk, "hd0", "whole disk", notes, Bounds.DEFAULT), notes,
              Bounds.DEFAULT);
      assertEquals("md/0", arrays.get(0).grubName(), notes.toString());
      assertEquals(o.get("/dev/md0")[1], sha256(arrays.get(0).device()));
    }
  }

  @Test
  void aMemberWithABadChecksumIsLeftOutAndTheOtherRead() throws IOException {
    Map<String, String[]> o = oracle("md-raid1-lvm");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-raid1-lvm.img.xz"))) {
      // One byte of partition 1's set name ("debian:0" becomes "debiaN:0"), checksum kept.
      BlockDevice bad = new OverlayDevice(disk).patch((1 << 20) + 4096 + 32 + 4, new byte[] {'N'});
      List<String> notes = new java.util.ArrayList<>();
      List<Volume> v = Md.expand(VolumeScanner.inside(bad, "hd0", "whole disk", notes, Bounds.DEFAULT),
          notes, Bounds.DEFAULT);
      assertEquals(List.of("hd0,msdos1", "md/0"), v.stream().map(Volume::grubName).toList());
      assertTrue(notes.get(0).startsWith("whole disk, partition 1: MD 1.2 superblock at byte 4096: checksum 0x"),
          notes.toString());
      assertTrue(v.get(1).description().endsWith("1 of 2 members"), v.get(1).description());
      assertEquals(o.get("/dev/md0")[1], sha256(v.get(1).device()));
    }
  }

  @Test
  void aMemberFailedAndRemovedIsStaleAndLeftOut() throws IOException {
    Map<String, String[]> o = oracle("md-stale");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-stale.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk, org.jgrub.io.Bounds.DEFAULT);
      // Partition 1 still holds the first filesystem ("before"), with an older event count.
      Volume v = byName(s, "md/stale");
      assertEquals(List.of("md/stale"), s.volumes().stream().map(Volume::grubName).toList());
      assertTrue(v.description().contains("1 of 2 members (left out: partition 1 (events ")
          && v.description().endsWith(" < 22))"), v.description());
      assertEquals(o.get("/dev/md0")[1], sha256(v.device()));
      assertFilesAsLinuxRead("md-stale", "md0", v);
    }
  }
}
