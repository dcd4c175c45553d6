package org.jgrub.fs.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Real mkfs.vfat/mtools images with chosen bytes damaged. Offsets are found in the image itself
 * (the directory entry's 8.3 name, the FAT entry of the file's first cluster) so each test damages
 * exactly the structure it names.
 */
class FatCorruptTest {
  private static final int DIR_FST_CLUS_LO = 26;
  private static final int DIR_FILE_SIZE = 28;
  private static final int BPB_BYTS_PER_SEC = 11;
  private static final int BPB_FAT_SZ16 = 22;
  private static final int BPB_FS_VER = 42;

  /** Ends in a CorruptDataException whose message names the structure and the value. */
  private static void failsCleanly(String message, Executable e) {
    Throwable t = assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertThrows(CorruptDataException.class, e));
    assertTrue(t.getMessage().contains(message), t.getMessage());
  }

  /** Byte offset of the short entry whose 11-byte name is {@code name83}. */
  private static long shortEntry(MemoryImage img, String name83) {
    long at = img.find(name83.getBytes(StandardCharsets.US_ASCII), 0);
    assertTrue(at >= 0 && at % 32 == 0, name83 + " entry at " + at);
    return at;
  }

  private static long fat16Entry(FatFs fs, long cluster) {
    return fs.bootSector().fatOffset() + cluster * 2;
  }

  private static long firstCluster(FatFs fs, String path) throws IOException {
    String dir = path.substring(0, path.lastIndexOf('/') + 1);
    String name = path.substring(path.lastIndexOf('/') + 1);
    DirEntry e = fs.lookup(PathWalker.resolve(fs, dir), name).orElseThrow();
    return ((FatEntry) e.ref()).firstCluster();
  }

  private static void readAll(FatFs fs, String path) throws IOException {
    Node n = PathWalker.resolve(fs, path);
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    long pos = 0;
    int got;
    while ((got = fs.read(n, pos, b.clear())) > 0) {
      pos += got;
    }
  }

  @Test
  void fileChainLoop() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    FatFs fs = FatFixtureTest.open(img);
    long c = firstCluster(fs, "/big.bin");
    img.put16le(fat16Entry(fs, c), (int) c); // the first cluster points to itself
    failsCleanly("big.bin: cluster chain continues past the 5860 clusters its size needs (cluster "
        + c + " -> " + c + "; a loop?)", () -> readAll(FatFixtureTest.open(img), "/big.bin"));
  }

  @Test
  void directoryChainLoop() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    FatFs fs = FatFixtureTest.open(img);
    long c = firstCluster(fs, "/many");
    img.put16le(fat16Entry(fs, c), (int) c);
    failsCleanly("many: directory cluster chain returns to cluster " + c + " (a loop)",
        () -> FatFixtureTest.open(img).list(PathWalker.resolve(fs, "/many")));
  }

  @Test
  void fatEntryOutOfRange() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    FatFs fs = FatFixtureTest.open(img);
    long c = firstCluster(fs, "/big.bin");
    img.put16le(fat16Entry(fs, c), 0xFFF0); // beyond the ~32,000 clusters of a 16 MiB volume
    failsCleanly("FAT entry of cluster " + c + " is 0xfff0, not a cluster in 2..32482 or an end "
        + "mark", () -> readAll(FatFixtureTest.open(img), "/big.bin"));
  }

  @Test
  void firstClusterOutOfRange() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    img.put16le(shortEntry(img, "BIG     BIN") + DIR_FST_CLUS_LO, 0xFFF0);
    failsCleanly("'big.bin': first cluster 65520 outside 2..32482", () -> PathWalker.resolve(FatFixtureTest.open(img), "/big.bin"));
  }

  @Test
  void chainShorterThanSize() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    img.put32le(shortEntry(img, "BIG     BIN") + DIR_FILE_SIZE, 3_000_001L + 4096);
    failsCleanly("big.bin: cluster chain ends after 5860 clusters, size 3004097 needs 5868", () -> readAll(FatFixtureTest.open(img), "/big.bin"));
  }

  @Test
  void chainLongerThanSize() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    img.put32le(shortEntry(img, "BIG     BIN") + DIR_FILE_SIZE, 1000);
    failsCleanly("big.bin: cluster chain continues past the 2 clusters its size needs", () -> readAll(FatFixtureTest.open(img), "/big.bin"));
  }

  @Test
  void lfnChecksumMismatchFallsBackToShortName() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    // The long entry holding "Mixed" is the first of its set; its checksum byte is at 13.
    long lfn = img.find("Mixed".getBytes(StandardCharsets.UTF_16LE), 0) - 1;
    img.put8(lfn + 13, img.get8(lfn + 13) ^ 0x55);
    FatFs fs = FatFixtureTest.open(img);
    List<String> names = new ArrayList<>();
    for (DirEntry e : fs.list(PathWalker.resolve(fs, "/Names"))) {
      names.add(e.name());
    }
    assertTrue(names.contains("MIXEDC~1.TXT"), names.toString());
    assertFalse(names.contains("Mixed Case Name.TXT"), names.toString());
  }

  @Test
  void damagedPrimaryBootSectorUsesFat32Backup() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat32.img.xz");
    img.fill(0, 512, 0);
    FatFs fs = FatFixtureTest.open(img);
    assertEquals(BootSector.FatType.FAT32, fs.bootSector().type());
    TreeCheck.compare(fs, Manifest.read(Fixtures.ROOT.resolve("fat/fat32.manifest")), Set.of());
  }

  @Test
  void implausibleBootSectorIsNotFat() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    img.put16le(BPB_BYTS_PER_SEC, 0);
    assertTrue(new FatDriver().probe(img, org.jgrub.io.Bounds.DEFAULT).isEmpty());
  }

  @Test
  void plausibleBootSectorWithBrokenLayoutThrows() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    img.put16le(BPB_FAT_SZ16, 1); // one FAT sector cannot map the volume's clusters
    failsCleanly("vfat boot sector: FAT16 FAT of 1 sectors cannot map 32733 clusters at byte 0x0",
        () -> new FatDriver().probe(img, org.jgrub.io.Bounds.DEFAULT));
  }

  @Test
  void surrogatePairsInLongNamesPassThrough() throws IOException {
    // mtools cannot write astral-plane characters (it truncates them to 16 bits), so this takes
    // the real long name "Ωμέγα.dat" and replaces its first two UTF-16 units, "Ωμ", with the
    // surrogate pair of U+1F600. The checksum covers the short entry only, so the set stays valid.
    MemoryImage img = MemoryImage.of("fat/fat16.img.xz");
    long at = img.find("Ωμ".getBytes(StandardCharsets.UTF_16LE), 0);
    assertTrue(at > 0);
    img.put16le(at, 0xD83D).put16le(at + 2, 0xDE00);
    FatFs fs = FatFixtureTest.open(img);
    assertTrue(PathWalker.exists(fs, "/Names/\uD83D\uDE00έγα.dat"));
    assertTrue(PathWalker.exists(fs, "/names/\uD83D\uDE00ΈΓΑ.DAT"));
  }

  @Test
  void directoryEntryLimitIsEnforced() throws IOException {
    FatFs fs = FatFixtureTest.open(MemoryImage.of("fat/fat16.img.xz"));
    Node many = PathWalker.resolve(fs, "/many");
    assertEquals(300, fs.list(many).size());
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.dirEntries = 100;
    GuestFs small =
        new FatDriver()
            .probe(MemoryImage.of("fat/fat16.img.xz"), org.jgrub.io.Bounds.of(b.build()))
            .orElseThrow();
    Node alsoMany = PathWalker.resolve(small, "/many");
    assertThrows(LimitExceededException.class, () -> small.list(alsoMany));
  }

  @Test
  void fsProbeFindsEveryFatImage() throws IOException {
    for (String name : new String[] {"fat12", "fat16", "fat32"}) {
      GuestFs fs =
          FsProbe.probe(
                  RawImage.open(Fixtures.image("fat/" + name + ".img.xz")), org.jgrub.io.Bounds.DEFAULT)
              .orElseThrow();
      assertEquals("vfat", fs.type(), name);
    }
  }

  @Test
  void fat32VersionOtherThanZeroIsUnsupported() throws IOException {
    MemoryImage img = MemoryImage.of("fat/fat32.img.xz");
    img.put16le(BPB_FS_VER, 0x0001);
    img.put16le(6 * 512 + BPB_FS_VER, 0x0001); // and in the backup boot sector
    assertThrows(UnsupportedFeatureException.class, () -> new FatDriver().probe(img, org.jgrub.io.Bounds.DEFAULT));
  }
}
