package org.jgrub.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partition tables made by sfdisk and sgdisk (fixtures/make-volumes.sh); the expected offsets and
 * sizes are the tools' own view, recorded beside each image.
 */
class VolumeScannerTest {
  @TempDir Path tmp;

  /** number → "start size" as the tools report, without extended containers. */
  private static List<String> expected(String name) throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("volume/" + name + ".parts"))) {
      String[] f = l.split(" ");
      if (f[3].equals("5") || f[3].equals("f") || f[3].equals("85")) {
        continue;
      }
      out.add(f[0] + " " + f[1] + " " + f[2]);
    }
    return out;
  }

  private static List<String> actual(VolumeScan s) {
    List<String> out = new ArrayList<>();
    for (Volume v : s.volumes()) {
      String n = v.grubName().replaceAll("^hd0,(msdos|gpt)", "");
      out.add(n + " " + v.device().rawLocation().offset() + " " + v.device().size());
    }
    return out;
  }

  private static VolumeScan scan(Path img) throws IOException {
    try (BlockDevice d = RawImage.open(img)) {
      return VolumeScanner.scan(d, org.jgrub.io.Bounds.DEFAULT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt", "gpt-4k", "gpt-backup-only"})
  void gptMatchesTheTool(String name) throws IOException {
    VolumeScan s = scan(Fixtures.image("volume/" + name + ".img.xz"));
    assertEquals("gpt", s.scheme());
    assertEquals(expected(name), actual(s));
  }

  @Test
  void gptBackupIsUsedAndSaidSo() throws IOException {
    VolumeScan s = scan(Fixtures.image("volume/gpt-backup-only.img.xz"));
    assertTrue(s.notes().get(0).contains("backup GPT header"), s.notes().toString());
  }

  @Test
  void gptNamesAndTypesDescribeVolumes() throws IOException {
    VolumeScan s = scan(Fixtures.image("volume/gpt.img.xz"));
    assertEquals("partition 2 (EFI system, \"EFI system partition\")", s.volumes().get(1).description());
    assertEquals("partition 3 (Linux filesystem, \"boot ünïcødé\")", s.volumes().get(2).description());
  }

  @Test
  void mbrActiveFirstThenSlotOrderWithLogicalsInTheirExtendedSlot() throws IOException {
    VolumeScan s = scan(Fixtures.image("volume/mbr-logical.img.xz"));
    List<String> exp = expected("mbr-logical");
    // The tools list 1, 3, 5, 6, 7; jgrub tries the active 3 first, then 1, then 5, 6, 7.
    List<String> order = new ArrayList<>();
    order.add(exp.get(1));
    order.add(exp.get(0));
    order.addAll(exp.subList(2, exp.size()));
    assertEquals(order, actual(s));
  }

  @Test
  void ebrChainLoopStopsWithANote() throws IOException {
    Path img = copy("volume/mbr-logical.img.xz");
    // The first EBR sits at the extended partition's start (sector 12288); its link entry says
    // where the second EBR is, relative to that start. Point the second EBR's link at itself.
    long ext = 12288L;
    long rel2 = readU32(img, ext * 512 + 446 + 16 + 8);
    long ebr2 = (ext + rel2) * 512;
    patchU32(img, ebr2 + 446 + 16 + 8, rel2);
    patchU8(img, ebr2 + 446 + 16 + 4, 0x05);
    VolumeScan s = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(img));
    assertTrue(String.join("|", s.notes()).contains("loops back"), s.notes().toString());
    assertEquals(4, s.volumes().size()); // 3, 1 and logicals 5 and 6
  }

  @Test
  void gptClaimingAMillionEntriesIsRefusedQuickly() throws IOException {
    Path img = copy("volume/gpt.img.xz");
    // Primary header at LBA 1: entry count at +80; keep the header CRC valid so only the count
    // is wrong. The backup header still describes the real table.
    patchU32(img, 512 + 80, 1_000_000);
    fixHeaderCrc(img, 512);
    VolumeScan s = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(img));
    assertTrue(s.notes().get(0).contains("claims 1000000 partition entries"), s.notes().toString());
    assertEquals(expected("gpt"), actual(s));
  }

  @Test
  void gptWithBothHeadersBrokenFallsBackToWholeDiskWithTheReason() throws IOException {
    Path img = copy("volume/gpt.img.xz");
    patchU32(img, 512 + 80, 1_000_000);
    fixHeaderCrc(img, 512);
    long last = Files.size(img) - 512;
    patchU32(img, last + 80, 1_000_000);
    fixHeaderCrc(img, last);
    VolumeScan s = scan(img);
    assertEquals(List.of("hd0"), List.of(s.volumes().get(0).grubName()));
    assertTrue(s.notes().get(0).contains("backup header"), s.notes().toString());
  }

  @Test
  void truncatedDiskIsCorruption() throws IOException {
    Path img = tmp.resolve("tiny.img");
    Files.write(img, new byte[100]);
    assertThrows(CorruptDataException.class, () -> scan(img));
  }

  /**
   * A Solaris partition (fixtures/make-solaris.sh): its VTOC's root slice s0 first, then the boot
   * slice s8; the backup slice s2 (the whole partition) is skipped. The offsets are libblkid's
   * view of the same label (partx), which the script checks.
   */
  @Test
  void solarisVtocSlicesRootFirstBackupSkipped() throws IOException {
    VolumeScan s = scan(Fixtures.image("guests/solaris-ufs.img.xz"));
    assertEquals(
        List.of("hd0,msdos1,sunpc1 " + (2048 + 1008) * 512L + " " + 63504 * 512L,
            "hd0,msdos1,sunpc9 " + 2048 * 512L + " " + 1008 * 512L),
        s.volumes().stream()
            .map(v -> v.grubName() + " " + v.device().rawLocation().offset() + " " + v.device().size())
            .toList());
    assertEquals("partition 1 slice 0", s.volumes().get(0).description());
  }

  @Test
  void solarisSliceOutsideItsPartitionIsSkippedWithANote() throws IOException {
    Path img = copy("guests/solaris-ufs.img.xz");
    patchU32(img, (2048 + 1) * 512L + 72 + 8, 0x7fffffffL); // s0's size
    VolumeScan s = scan(img);
    assertEquals(List.of("hd0,msdos1,sunpc9"), s.volumes().stream().map(Volume::grubName).toList());
    assertTrue(s.notes().toString().contains("partition 1 slice 0 lies outside its partition"), s.notes().toString());
    assertTrue(s.notes().toString().contains("has no root slice"), s.notes().toString());
  }

  @Test
  void noSignatureMeansWholeDisk() throws IOException {
    Path img = copy("volume/gpt.img.xz");
    patchU8(img, 510, 0);
    VolumeScan s = scan(img);
    assertEquals("none", s.scheme());
    assertEquals("whole disk", s.volumes().get(0).description());
  }

  private Path copy(String fixture) throws IOException {
    Path dst = tmp.resolve(Path.of(fixture).getFileName().toString().replace(".xz", ""));
    Files.copy(Fixtures.image(fixture), dst);
    return dst;
  }

  private static void patchU32(Path img, long off, long v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).flip();
    try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(b, off);
    }
  }

  private static long readU32(Path img, long off) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    try (var ch = java.nio.channels.FileChannel.open(img)) {
      ch.read(b, off);
    }
    return b.getInt(0) & 0xffffffffL;
  }

  private static void patchU8(Path img, long off, int v) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {(byte) v}), off);
    }
  }

  /** Recomputes a GPT header's CRC32 over its 92 bytes with the CRC field zeroed. */
  private static void fixHeaderCrc(Path img, long hdr) throws IOException {
    byte[] h;
    try (var ch = java.nio.channels.FileChannel.open(img)) {
      ByteBuffer b = ByteBuffer.allocate(92);
      ch.read(b, hdr);
      h = b.array();
    }
    h[16] = h[17] = h[18] = h[19] = 0;
    CRC32 c = new CRC32();
    c.update(h);
    patchU32(img, hdr + 16, c.getValue());
  }
}
