package org.jgrub.volume.lvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.volume.Encryption;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.Test;

/**
 * Volume groups made by pvcreate/vgcreate/lvcreate/lvextend (fixtures/make-lvm.sh); where each
 * LV's extents lie is the tools' own view (lvs --segments, pvs -o pe_start), recorded beside each
 * image.
 */
class LvmTest {
  private static final long MIB = 1 << 20;

  private static byte[] read(BlockDevice d, long at, int len) throws IOException {
    return d.read(at, len);
  }

  /**
   * Every segment lvs reports reads, through the LV, the same bytes as the disk holds where the
   * tools say the segment lies (first, middle and last sectors of each extent).
   */
  private static void assertSegmentsAsTheToolsSay(String image, long pvOffset, VolumeScan s)
      throws IOException {
    Path dir = Fixtures.ROOT.resolve("lvm");
    long peStart = Long.parseLong(Files.readString(dir.resolve(image + ".pe_start")).strip());
    try (BlockDevice disk = RawImage.open(Fixtures.image("lvm/" + image + ".xz"))) {
      int checked = 0;
      for (String line : Files.readAllLines(dir.resolve(image + ".lvs"))) {
        String[] f = line.split(" ");
        if (f.length != 4) {
          continue; // a striped LV: its layout is checked through its filesystem
        }
        Volume lv = byName(s, f[0]);
        long start = Long.parseLong(f[1]);
        long count = Long.parseLong(f[2]);
        long first = Long.parseLong(f[3]);
        for (long e = 0; e < count; e++) {
          for (long in : new long[] {0, MIB / 2 - 512, MIB - 512}) {
            long lvAt = (start + e) * MIB + in;
            long diskAt = pvOffset + peStart + (first + e) * MIB + in;
            assertArrayEquals(read(disk, diskAt, 512), read(lv.device(), lvAt, 512),
                f[0] + " byte " + lvAt);
            checked++;
          }
        }
      }
      assertTrue(checked > 0);
    }
  }

  private static Volume byName(VolumeScan s, String lv) {
    for (Volume v : s.volumes()) {
      if (v.grubName().endsWith("-" + Lvm.dm(lv))) {
        return v;
      }
    }
    throw new AssertionError("no LV " + lv + " in " + names(s));
  }

  private static List<String> names(VolumeScan s) {
    List<String> out = new ArrayList<>();
    for (Volume v : s.volumes()) {
      out.add(v.grubName());
    }
    return out;
  }

  private static VolumeScan scan(String image) throws IOException {
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/" + image + ".xz"))) {
      return VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
    }
  }

  @Test
  void wholeDiskPvWithDashesInTheNames() throws IOException {
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/lvm-whole.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvm/my--vg-my--lv"), names(s), s.notes().toString());
      Volume v = s.volumes().get(0);
      assertEquals(16 * MIB, v.device().size());
      assertEquals("whole disk: LVM2 PV of VG \"my-vg\"; LV \"my-lv\"", v.description());
      assertSegmentsAsTheToolsSay("lvm-whole.img", 0, s);
      Optional<GuestFs> fs = FsProbe.probe(v.device(), org.jgrub.io.Bounds.DEFAULT);
      assertEquals("6b1f2c3a-4444-4c55-9a64-5f3c0e9d2a11", fs.orElseThrow().uuid().orElseThrow());
    }
  }

  @Test
  void pvInAnMbrPartitionWithAnLvInTwoSegments() throws IOException {
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/lvm-mbr.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvm/vg0-boot", "lvm/vg0-root"), names(s), s.notes().toString());
      assertEquals(20 * MIB, s.volumes().get(0).device().size());
      assertEquals(4 * MIB, s.volumes().get(1).device().size());
      assertSegmentsAsTheToolsSay("lvm-mbr.img", MIB, s);
      // A read across the segment boundary (LV extent 10 is PV extent 14).
      long peStart = MIB;
      byte[] across = s.volumes().get(0).device().read(10 * MIB - 512, 1024);
      byte[] a = d.read(MIB + peStart + 10 * MIB - 512, 512);
      byte[] b = d.read(MIB + peStart + 14 * MIB, 512);
      byte[] both = new byte[1024];
      System.arraycopy(a, 0, both, 0, 512);
      System.arraycopy(b, 0, both, 512, 512);
      assertArrayEquals(both, across);
      assertEquals(
          "5a2e9c1d-5555-4c55-9a64-5f3c0e9d2a11",
          FsProbe.probe(s.volumes().get(0).device(), org.jgrub.io.Bounds.DEFAULT).orElseThrow().uuid().orElseThrow());
    }
  }

  @Test
  void lvsAreAlsoNamedByTheirIdsAsGrubNamesThem() throws IOException {
    // "vg0 VGUUID boot LVUUID root LVUUID", as vgs -o vg_uuid and lvs -o lv_uuid printed them.
    String[] ids = Files.readString(Fixtures.ROOT.resolve("lvm/lvm-mbr.img.ids")).trim().split(" ");
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/lvm-mbr.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvmid/" + ids[1] + "/" + ids[3]), s.volumes().get(0).aliases());
      assertEquals(List.of("lvmid/" + ids[1] + "/" + ids[5]), s.volumes().get(1).aliases());
    }
  }

  @Test
  void anIdNotAsLvm2WritesItGivesNoIdName() {
    String vg = "c4anBB-sRG0-bru0-9Edt-Q8Te-qJ2P-rnqUlo";
    String lv = "hMHSqL-pFQK-JdDR-42uB-2MSO-qC2t-UxgdGY";
    assertEquals(List.of("lvmid/" + vg + "/" + lv), Lvm.lvmid(vg, section(lv)));
    // Guest-written text: a comma, a slash or a parenthesis would make the name mean more.
    for (String bad : List.of("", "hMHSqL-pFQK-JdDR-42uB-2MSO-qC2t-UxgdG", lv + "x",
        "hMHSqL-pFQK-JdDR-42uB-2MSO-qC2t,UxgdGY", "hMHSqL/pFQK-JdDR-42uB-2MSO-qC2t-UxgdGY",
        "hMHSqL-pFQK-JdDR-42uB-2MSO-qC2t-Uxgd)Y")) {
      assertEquals(List.of(), Lvm.lvmid(vg, section(bad)), bad);
      assertEquals(List.of(), Lvm.lvmid(bad, section(lv)), bad);
    }
    assertEquals(List.of(), Lvm.lvmid(vg, new LvmText.Section("boot", "vg0/boot", java.util.Map.of())));
  }

  private static LvmText.Section section(String id) {
    return new LvmText.Section("boot", "vg0/logical_volumes/boot", java.util.Map.of("id", id));
  }

  @Test
  void stripedOverTwoPvsInTwoPartitions() throws IOException {
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/lvm-striped.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvm/vg1-linear", "lvm/vg1-striped"), names(s), s.notes().toString());
      assertSegmentsAsTheToolsSay("lvm-striped.img", MIB, s);
      assertEquals(
          "8d4e5f60-7777-4c55-9a64-5f3c0e9d2a11",
          FsProbe.probe(s.volumes().get(1).device(), org.jgrub.io.Bounds.DEFAULT).orElseThrow().uuid().orElseThrow());
    }
  }

  @Test
  void anLvOnPresentPvsIsReadWhenAnotherPvIsMissing() throws IOException {
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/lvm-missing-pv.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(List.of("lvm/vg1-linear"), names(s), s.notes().toString());
      assertEquals(1, s.notes().size(), s.notes().toString());
      String n = s.notes().get(0);
      assertTrue(n.startsWith("partition 1: LVM2 PV of VG \"vg1\"; LV \"striped\": LV \"striped\" segment1: PV pv1 ("), n);
      assertTrue(n.endsWith(") is missing"), n);
      assertEquals(
          "7c3d4e5f-6666-4c55-9a64-5f3c0e9d2a11",
          FsProbe.probe(s.volumes().get(0).device(), org.jgrub.io.Bounds.DEFAULT).orElseThrow().uuid().orElseThrow());
    }
  }

  @Test
  void luksVolumesAreNamed() throws IOException {
    try (BlockDevice d = RawImage.open(Fixtures.image("lvm/luks.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
      assertEquals(Optional.of("encrypted with LUKS1"), Encryption.describe(s.volumes().get(0).device()));
      assertEquals(Optional.of("encrypted with LUKS2"), Encryption.describe(s.volumes().get(1).device()));
      assertEquals(Optional.empty(), Encryption.describe(d));
    }
  }

  @Test
  void crcIsLvmsCalcCrc() {
    // lvm2's calc_crc(INITIAL_CRC, "123456789", 9) is zlib's CRC-32 without its pre/post inversion.
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    java.util.zip.CRC32 z = new java.util.zip.CRC32();
    z.update(b);
    assertEquals(z.getValue(), ~PvLabel.crc(0xffffffff, b, 0, b.length) & 0xffffffffL);
  }

  @Test
  void textParserIsBounded() throws CorruptDataException {
    LvmText.Section s = LvmText.parse("vg { a = \"x\\\"y\" b = [ \"p\", 1, 2 ] # c\n c = -3 d = 1.5 }");
    assertEquals("x\"y", s.sub("vg").string("a"));
    assertEquals(List.of("p", 1L, 2L), s.sub("vg").array("b"));
    assertEquals(-3L, s.sub("vg").number("c"));
    String deep = "a {".repeat(100_000);
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> LvmText.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper than 8"), e.getMessage());
    e = assertThrows(CorruptDataException.class, () -> LvmText.parse("a = 99999999999999999999999"));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    e = assertThrows(CorruptDataException.class, () -> LvmText.parse("a = [ [ 1 ] ]"));
    assertTrue(e.getMessage().contains("unexpected character '['"), e.getMessage());
    e = assertThrows(CorruptDataException.class, () -> LvmText.parse("a { b = 1"));
    assertTrue(e.getMessage().contains("not closed"), e.getMessage());
  }
}
