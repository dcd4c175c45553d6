package org.jgrub.fs.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/** Reads the exFAT image made by mkfs.exfat and filled through exfat-fuse. */
class ExFatTest {
  private static final String IMAGE = "fat/exfat.img.xz";
  private static final int MUST_BE_ZERO = 11;

  private static ExFatFs open(BlockDevice dev) throws IOException {
    Optional<GuestFs> fs = new FatDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent());
    return (ExFatFs) fs.get();
  }

  private static Map<String, String> blkid() throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String line :
        Files.readAllLines(Fixtures.ROOT.resolve("fat/exfat.blkid"), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      m.put(line.substring(0, eq), line.substring(eq + 1).replace("\\", ""));
    }
    return m;
  }

  private static ExFatEntry entry(GuestFs fs, String dir, String name) throws IOException {
    DirEntry e = fs.lookup(PathWalker.resolve(fs, dir), name).orElseThrow();
    return (ExFatEntry) e.ref();
  }

  @Test
  void treeLabelUuidAndNames() throws IOException {
    ExFatFs fs = open(RawImage.open(Fixtures.image(IMAGE)));
    Map<String, String> b = blkid();
    assertEquals(b.get("TYPE"), fs.type());
    assertEquals(Optional.of(b.get("UUID")), fs.uuid());
    assertEquals(Optional.of(b.get("LABEL")), fs.label());
    TreeCheck.compare(fs, Manifest.read(Fixtures.ROOT.resolve("fat/exfat.manifest")), Set.of());
    // Astral-plane characters survive as UTF-16 surrogate pairs; lookup ignores case.
    assertTrue(PathWalker.exists(fs, "/NAMES/EMOJI-\uD83D\uDE00-\uD834\uDD1E.TXT"));
    assertTrue(PathWalker.exists(fs, "/boot/GRUB/Grub.Cfg"));
  }

  @Test
  void bothChainedAndContiguousFilesAreRead() throws IOException {
    ExFatFs fs = open(RawImage.open(Fixtures.image(IMAGE)));
    // exfat-fuse had to chain the file grown after another was written behind it.
    ExFatEntry frag = entry(fs, "/", "fragmented.bin");
    assertFalse(frag.noFatChain());
    assertTrue(fs.layout(PathWalker.resolve(fs, "/fragmented.bin")).size() > 1);
    boolean anyContiguous = false;
    for (DirEntry e : fs.list(PathWalker.resolve(fs, "/boot"))) {
      anyContiguous |= ((ExFatEntry) e.ref()).noFatChain();
    }
    assertTrue(anyContiguous, "no NoFatChain file in /boot");
  }

  @Test
  void damagedMainBootSectorUsesTheBackup() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    img.put8(MUST_BE_ZERO, 0x55);
    ExFatFs fs = open(img);
    TreeCheck.compare(fs, Manifest.read(Fixtures.ROOT.resolve("fat/exfat.manifest")), Set.of());
  }

  @Test
  void entrySetChecksumMismatch() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    // The File Name entry holding "fragmented.bin": type 0xC1, flags 0, then UTF-16 characters.
    byte[] name = "fragmented.bin".getBytes(StandardCharsets.UTF_16LE);
    long at = img.find(name, 0);
    assertTrue(at > 0 && img.get8(at - 2) == 0xC1, "File Name entry at " + at);
    img.put8(at, 'F'); // the name changes, the set checksum no longer matches
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertThrows(CorruptDataException.class, () -> open(img)));
  }

  @Test
  void fileChainLoop() throws IOException {
    ExFatFs clean = open(RawImage.open(Fixtures.image(IMAGE)));
    ExFatEntry frag = entry(clean, "/", "fragmented.bin");
    ExFatBoot boot = clean.boot();
    MemoryImage img = MemoryImage.of(IMAGE);
    img.put32le(boot.fatOffset() + frag.firstCluster() * 4, frag.firstCluster());
    ExFatFs fs = open(img);
    Node n = PathWalker.resolve(fs, "/fragmented.bin");
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertThrows(CorruptDataException.class, () -> TreeCheck.sha256(fs, n)));
  }
}
