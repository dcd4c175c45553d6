package org.jgrub.fs.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/** Reads the FAT12/16/32 images made by mkfs.vfat and mtools and compares them with manifests. */
class FatFixtureTest {
  static FatFs open(BlockDevice dev) throws IOException {
    Optional<GuestFs> fs = new FatDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent(), "vfat not recognised on " + dev.describe());
    return (FatFs) fs.get();
  }

  private static FatFs fixture(String name) throws IOException {
    return open(RawImage.open(Fixtures.image("fat/" + name + ".img.xz")));
  }

  private static void tree(String name) throws IOException {
    try (FatFs fs = fixture(name)) {
      TreeCheck.compare(
          fs, Manifest.read(Fixtures.ROOT.resolve("fat/" + name + ".manifest")), Set.of());
    }
  }

  @Test
  void fat12BootPartitionWithExtlinux() throws IOException {
    tree("fat12");
    try (FatFs fs = fixture("fat12")) {
      assertEquals(BootSector.FatType.FAT12, fs.bootSector().type());
      assertEquals("vfat", fs.type());
      assertEquals(Optional.of("12AB-34CD"), fs.uuid());
      assertEquals(Optional.of("JGRUB12"), fs.label());
      Node cfg = PathWalker.resolve(fs, "/boot/extlinux/extlinux.conf");
      assertEquals(Node.Kind.FILE, cfg.kind());
    }
  }

  @Test
  void fat16NamesBigDirectoryDeletedEntries() throws IOException {
    tree("fat16");
    try (FatFs fs = fixture("fat16")) {
      assertEquals(BootSector.FatType.FAT16, fs.bootSector().type());
      assertEquals(Optional.of("0BAD-CAFE"), fs.uuid());
      assertEquals(Optional.of("JGRUB16"), fs.label());
      List<String> names = names(fs, "/Names");
      // Short names shown through the NT lower-case flags, exactly as Windows and Linux show them.
      assertTrue(names.contains("lower.txt"), names.toString());
      assertTrue(names.contains("base.TXT"), names.toString());
      assertTrue(names.contains("EXT.txt"), names.toString());
      assertTrue(names.contains("UPPER.TXT"), names.toString());
      assertTrue(names.contains("ünïcødé-名前.txt"), names.toString());
      assertFalse(names.contains("deleted-file-with-long-name.txt"), names.toString());
      assertEquals(300, fs.list(PathWalker.resolve(fs, "/many")).size());
    }
  }

  @Test
  void fat16With4096ByteSectors() throws IOException {
    tree("fat16-4k");
    try (FatFs fs = fixture("fat16-4k")) {
      assertEquals(4096, fs.bootSector().bytesPerSector());
      assertEquals(BootSector.FatType.FAT16, fs.bootSector().type());
      assertEquals(Optional.of("4096-A4C0"), fs.uuid());
      assertEquals(Optional.of("JGRUB4K"), fs.label());
    }
  }

  @Test
  void fat32EfiSystemPartition() throws IOException {
    tree("fat32");
    try (FatFs fs = fixture("fat32")) {
      assertEquals(BootSector.FatType.FAT32, fs.bootSector().type());
      assertEquals(Optional.of("5EED-1E55"), fs.uuid());
      assertEquals(Optional.of("EFI SYSTEM"), fs.label());
      Node cfg = PathWalker.resolve(fs, "/EFI/debian/grub.cfg");
      assertTrue(cfg.size() > 0);
      assertEquals(500, fs.list(PathWalker.resolve(fs, "/big dir")).size());
    }
  }

  @Test
  void lookupIsCaseInsensitiveAndAcceptsShortAliases() throws IOException {
    try (FatFs fs = fixture("fat32")) {
      Node a = PathWalker.resolve(fs, "/EFI/debian/grub.cfg");
      Node b = PathWalker.resolve(fs, "/efi/DEBIAN/Grub.CFG");
      assertEquals(TreeCheck.sha256(fs, a), TreeCheck.sha256(fs, b));
      assertTrue(PathWalker.exists(fs, "/BIG DIR/entry-7.CFG"));
      assertFalse(PathWalker.exists(fs, "/EFI/debian/grub.cfg2"));
    }
    try (FatFs fs = fixture("fat16")) {
      Node full = PathWalker.resolve(fs, "/Names/Mixed Case Name.TXT");
      Node alias = PathWalker.resolve(fs, "/names/mixedc~1.txt");
      assertEquals(TreeCheck.sha256(fs, full), TreeCheck.sha256(fs, alias));
      assertTrue(PathWalker.exists(fs, "/NAMES/ÜNÏCØDÉ-名前.TXT"));
      assertTrue(PathWalker.exists(fs, "/names/ωμέγα.DAT"));
    }
  }

  @Test
  void layoutCoversTheFile() throws IOException {
    try (FatFs fs = fixture("fat16")) {
      Node big = PathWalker.resolve(fs, "/big.bin");
      long total = 0;
      for (Run r : fs.layout(big)) {
        assertEquals(total, r.fileOffset());
        total += r.length();
      }
      assertTrue(total >= big.size() && total - big.size() < 512, "runs cover " + total);
    }
  }

  private static List<String> names(GuestFs fs, String dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (DirEntry e : fs.list(PathWalker.resolve(fs, dir))) {
      out.add(e.name());
    }
    return out;
  }
}
