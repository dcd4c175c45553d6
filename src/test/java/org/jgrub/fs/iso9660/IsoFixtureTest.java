package org.jgrub.fs.iso9660;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.SliceDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/** Reads ISO images made by genisoimage and xorriso and compares them with their manifests. */
class IsoFixtureTest {
  static IsoFs open(BlockDevice dev) throws IOException {
    Optional<GuestFs> fs = new IsoDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent(), "iso9660 not recognised on " + dev.describe());
    return (IsoFs) fs.get();
  }

  static IsoFs fixture(String name) throws IOException {
    return open(RawImage.open(Fixtures.image("iso9660/" + name + ".img.xz")));
  }

  /** TYPE, UUID and LABEL as `blkid -p -o export` printed them for the image. */
  static Map<String, String> blkid(String name) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String line :
        Files.readAllLines(
            Fixtures.ROOT.resolve("iso9660/" + name + ".blkid"), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      m.put(line.substring(0, eq), line.substring(eq + 1).replace("\\", ""));
    }
    return m;
  }

  private static IsoFs check(String name, IsoFs.Names names, Set<String> ignored)
      throws IOException {
    IsoFs fs = fixture(name);
    assertEquals(names, fs.names());
    Map<String, String> b = blkid(name);
    assertEquals(b.get("TYPE"), fs.type());
    assertEquals(Optional.ofNullable(b.get("UUID")), fs.uuid());
    assertEquals(Optional.ofNullable(b.get("LABEL")), fs.label());
    TreeCheck.compare(
        fs, Manifest.read(Fixtures.ROOT.resolve("iso9660/" + name + ".manifest")), ignored);
    return fs;
  }

  @Test
  void rockRidgeWithRelocatedDeepDirectoriesAndSymlinks() throws IOException {
    // genisoimage moves directories deeper than 8 levels to /rr_moved (RE there, CL in the
    // original parent); the emptied rr_moved stays visible, as in Linux.
    IsoFs fs = check("rr-deep", IsoFs.Names.ROCK_RIDGE, Set.of("rr_moved"));
    assertTrue(fs.list(PathWalker.resolve(fs, "/rr_moved")).isEmpty());
    Node deep =
        PathWalker.resolve(
            fs, "/deep/level1/level2/level3/level4/level5/level6/level7/level8/level9/level10/"
                + "level11/bottom.txt");
    assertEquals(5, deep.size());
    // Rock Ridge names are case-sensitive.
    assertFalse(PathWalker.exists(fs, "/BOOT/GRUB/GRUB.CFG"));
    assertTrue(PathWalker.exists(fs, "/abs-link"));
    assertEquals("/boot/grub/grub.cfg", fs.readLink(PathWalker.resolve(fs, "/abs-link", false)));
  }

  @Test
  void jolietWithIsolinuxLayout() throws IOException {
    IsoFs fs = check("joliet", IsoFs.Names.JOLIET, Set.of());
    assertTrue(PathWalker.exists(fs, "/BOOT/ISOLINUX/ISOLINUX.CFG"));
    assertTrue(PathWalker.exists(fs, "/names/ÜNÏCØDÉ-名前.TXT"));
  }

  @Test
  void plainIso9660Level1() throws IOException {
    IsoFs fs = check("plain", IsoFs.Names.PLAIN, Set.of());
    assertTrue(PathWalker.exists(fs, "/boot/isolinux/isolinux.cfg"));
    assertTrue(PathWalker.exists(fs, "/Boot/Vmlinuz"));
  }

  @Test
  void isohybridFoundAtOffsetZero() throws IOException {
    IsoFs fs = check("hybrid", IsoFs.Names.ROCK_RIDGE, Set.of("boot/isolinux/boot.cat"));
    assertTrue(PathWalker.exists(fs, "/Names/CaseSensitive.txt"));
    assertTrue(PathWalker.exists(fs, "/Names/casesensitive.TXT"));
    assertFalse(PathWalker.exists(fs, "/names/casesensitive.txt"));
  }

  @Test
  void multisessionShowsTheNewestSession() throws IOException {
    IsoFs fs = check("multisession", IsoFs.Names.ROCK_RIDGE, Set.of());
    assertEquals(
        TreeCheck.sha256("new contents\n"),
        TreeCheck.sha256(fs, PathWalker.resolve(fs, "/boot/replaced.txt")));
  }

  @Test
  void multiExtentFileIsJoined() throws IOException {
    String[] expect =
        Files.readString(Fixtures.ROOT.resolve("iso9660/multiextent.expect"), StandardCharsets.UTF_8)
            .strip()
            .split("\t");
    IsoFs fs = fixture("multiextent");
    Node big = PathWalker.resolve(fs, "/big.bin");
    assertEquals(Long.parseLong(expect[0]), big.size());
    List<Run> runs = fs.layout(big);
    // libisofs writes extents of 4 GiB - 2 KiB, back to back.
    assertEquals(2, runs.size());
    assertEquals(0xFFFFF800L, runs.get(0).length());
    assertEquals(0xFFFFF800L, runs.get(1).fileOffset());
    assertEquals(runs.get(0).deviceOffset() + runs.get(0).length(), runs.get(1).deviceOffset());
    ByteBuffer head = ByteBuffer.allocate(4096);
    assertEquals(4096, fs.read(big, 0, head));
    assertEquals(expect[1], sha256(head.array()));
    // The image keeps only xorriso's first MiB: data past it is outside the device.
    Node small = PathWalker.resolve(fs, "/small.txt");
    assertThrows(CorruptDataException.class, () -> fs.read(small, 0, ByteBuffer.allocate(6)));
  }

  private static String sha256(byte[] b) throws IOException {
    try {
      StringBuilder sb = new StringBuilder();
      for (byte x : MessageDigest.getInstance("SHA-256").digest(b)) {
        sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void gptHybridWithAppendedEfiSystemPartition() throws IOException {
    // xorriso adds the El Torito catalogue /boot.catalog, which the source tree lacks.
    IsoFs fs = check("hybrid-gpt", IsoFs.Names.ROCK_RIDGE, Set.of("boot.catalog"));
    assertTrue(PathWalker.exists(fs, "/boot/grub/grub.cfg"));
    // Partition 2 of the GPT xorriso wrote is a FAT ESP: reachable through FsProbe on its slice.
    String[] part =
        Files.readString(
                Fixtures.ROOT.resolve("iso9660/hybrid-gpt-esp.partition"), StandardCharsets.UTF_8)
            .strip()
            .split(" ");
    BlockDevice disk = RawImage.open(Fixtures.image("iso9660/hybrid-gpt.img.xz"));
    BlockDevice esp =
        new SliceDevice(
            disk, Long.parseLong(part[0]) * 512, Long.parseLong(part[1]) * 512, "partition 2");
    GuestFs vfat = FsProbe.probe(esp, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    assertEquals("vfat", vfat.type());
    TreeCheck.compare(
        vfat, Manifest.read(Fixtures.ROOT.resolve("iso9660/hybrid-gpt-esp.manifest")), Set.of());
  }

  @Test
  void fsProbeFindsIso9660OnTheWholeHybridDisk() throws IOException {
    for (String name : new String[] {"hybrid", "hybrid-gpt", "plain", "rr-deep"}) {
      GuestFs fs =
          FsProbe.probe(RawImage.open(Fixtures.image("iso9660/" + name + ".img.xz")), org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertEquals("iso9660", fs.type(), name);
    }
  }

  @Test
  void directoryEntryLimitIsEnforced() throws IOException {
    IsoFs fs = fixture("rr-deep");
    Node many = PathWalker.resolve(fs, "/boot/many");
    assertEquals(60, fs.list(many).size());
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.dirEntries = 20;
    GuestFs small =
        new IsoDriver()
            .probe(RawImage.open(Fixtures.image("iso9660/rr-deep.img.xz")),
                org.jgrub.io.Bounds.of(b.build()))
            .orElseThrow();
    // The root itself is larger than 20 entries' worth of bytes: list the node found above.
    assertThrows(LimitExceededException.class, () -> small.list(many));
  }

  @Test
  void genisoimageLongLinkDamageStaysInItsDirectory() throws IOException {
    // genisoimage 1.1.11 writes the System Use area of /links/many-component-link with an
    // entry running past its continuation area: that directory is refused, naming the area;
    // the rest of the volume reads.
    IsoFs fs = fixture("rr-longlink");
    assertEquals(IsoFs.Names.ROCK_RIDGE, fs.names());
    Node links = PathWalker.resolve(fs, "/links");
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> fs.list(links));
    assertTrue(e.getMessage().contains("continuation area"), e.getMessage());
    Node cfg = PathWalker.resolve(fs, "/boot/grub/grub.cfg");
    assertEquals(TreeCheck.sha256("set timeout=5\n"), TreeCheck.sha256(fs, cfg));
  }

  @Test
  void eachDriverSaysNotMineToTheOther() throws IOException {
    // The isohybrid MBR code and the FAT boot sectors are "not mine", never errors.
    for (String iso : new String[] {"hybrid", "hybrid-gpt", "plain", "joliet", "rr-deep"}) {
      BlockDevice dev = RawImage.open(Fixtures.image("iso9660/" + iso + ".img.xz"));
      assertTrue(new org.jgrub.fs.fat.FatDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).isEmpty(), iso);
    }
    for (String fat : new String[] {"fat12", "fat16", "fat32", "exfat"}) {
      BlockDevice dev = RawImage.open(Fixtures.image("fat/" + fat + ".img.xz"));
      assertTrue(new IsoDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).isEmpty(), fat);
    }
  }

  @Test
  void zisofsFilesAreInflated() throws IOException {
    IsoFs fs = check("zisofs", IsoFs.Names.ROCK_RIDGE, Set.of());
    IsoNode initrd = (IsoNode) PathWalker.resolve(fs, "/boot/initrd.img");
    assertTrue(initrd.zisofs() != null, "xorriso compressed /boot/initrd.img");
    assertTrue(initrd.runs().get(0).length() < initrd.size(), "stored smaller than its size");
    assertEquals(null, fs.layout(initrd));
    IsoNode cfg = (IsoNode) PathWalker.resolve(fs, "/boot/grub.cfg");
    assertEquals(null, cfg.zisofs());
  }
}
