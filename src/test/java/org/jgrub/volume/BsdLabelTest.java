package org.jgrub.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.image.RawImage;
import org.jgrub.io.Bounds;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BSD disklabels as util-linux fdisk writes them inside an MBR slice, with NetBSD makefs's UFS in
 * partition 'a' (fixtures/make-bsdlabel.sh): named and placed as GRUB's part_bsd does, and the
 * filesystem found there is the tree that was written.
 */
class BsdLabelTest {
  /** 'a' as fdisk printed it: start and size in sectors. */
  private static long[] oracleA(String name) throws IOException {
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("bsdlabel/" + name + ".oracle"))) {
      String[] f = l.trim().split("\\s+");
      if (f[0].equals("a")) {
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[3])};
      }
    }
    throw new AssertionError("no partition a in the oracle");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // FreeBSD: 'c' is the slice, 'd' (the disk) is not nested in it.
        "freebsd | hd0,msdos1,bsd1",
        // NetBSD: offsets from the disk; GRUB skips only 'c', so 'd' (the disk) is listed too.
        "netbsd | hd0,netbsd1 hd0,netbsd4"
      })
  void partitionAIsNamedAsGrubNamesItAndHoldsTheTree(String name, String grubNames)
      throws IOException {
    try (RawImage disk = RawImage.open(Fixtures.image("bsdlabel/" + name + ".img.xz"))) {
      VolumeScan scan = VolumeScanner.scan(disk, Bounds.DEFAULT);
      assertEquals(List.of(grubNames.split(" ")),
          scan.volumes().stream().map(Volume::grubName).toList(),
          "the slice is replaced by its label's partitions");
      assertTrue(scan.notes().contains("partition 1 BSD partition d begins before its slice (not"
          + " nested); skipped") || !name.equals("freebsd"), scan.notes().toString());
      Volume a = scan.volumes().get(0);
      long[] want = oracleA(name);
      assertEquals(want[0] * 512, a.partition().orElseThrow().offset());
      assertEquals(want[1] * 512, a.device().size());
      assertEquals("fstype 7", a.partition().orElseThrow().type(), "4.2BSD");
      GuestFs fs = FsProbe.probe(a.device(), Bounds.DEFAULT).orElseThrow();
      assertEquals("ufs1", fs.type());
      TreeCheck.compare(fs, Manifest.read(Fixtures.ROOT.resolve("bsdlabel/tree.manifest")), Set.of());
    }
  }

  @Test
  void aLabelClaimingMorePartitionsThanItsSectorHoldsIsCorrupt() throws IOException {
    byte[] img = Files.readAllBytes(Fixtures.image("bsdlabel/freebsd.img.xz"));
    int n = 2048 * 512 + 512 + BsdLabel.OFF_NPARTITIONS;
    img[n] = 23;
    img[n + 1] = 0;
    CorruptDataException e = org.junit.jupiter.api.Assertions.assertThrows(
        CorruptDataException.class,
        () -> VolumeScanner.scan(new MemoryImage(img, "disk"), Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("BSD disklabel of partition 1")
        && e.getMessage().contains("claims 23 partitions, more than the 22 that fit in its sector"),
        e.getMessage());
  }

  @Test
  void aPartitionPastTheSliceIsSkippedWithANote() throws IOException {
    byte[] img = Files.readAllBytes(Fixtures.image("bsdlabel/freebsd.img.xz"));
    // Partition a's size: one sector more than the slice holds.
    int size = 2048 * 512 + 512 + BsdLabel.OFF_PARTITIONS + BsdLabel.E_SIZE;
    int sectors = 14336 + 1;
    img[size] = (byte) sectors;
    img[size + 1] = (byte) (sectors >> 8);
    VolumeScan scan = VolumeScanner.scan(new MemoryImage(img, "disk"), Bounds.DEFAULT);
    assertEquals(List.of(), scan.volumes().stream()
        .filter(v -> v.grubName().contains("bsd")).toList());
    assertTrue(scan.notes().contains("partition 1 BSD partition a lies outside its slice; skipped"),
        scan.notes().toString());
  }

}
