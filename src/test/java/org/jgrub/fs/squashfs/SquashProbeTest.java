package org.jgrub.fs.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;

/** What the probe says about volumes that are not squashfs, and about squashfs it does not read. */
class SquashProbeTest {
  private static final String GZIP = "squashfs/gzip.img.xz";

  @Test
  void anotherFilesystemIsNotMine() throws IOException {
    assertEquals(Optional.empty(), new SquashDriver().probe(MemoryImage.of("ext/ext4-4k.img.xz"), org.jgrub.io.Bounds.DEFAULT));
  }

  @Test
  void theProbeFindsItAsSquashfsWithoutUuidOrLabel() throws IOException {
    GuestFs fs = FsProbe.probe(MemoryImage.of(GZIP), org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    assertEquals("squashfs", fs.type());
    assertEquals(Optional.empty(), fs.uuid());
    assertEquals(Optional.empty(), fs.label());
  }

  @Test
  void lzmaIsRefusedByName() throws IOException {
    MemoryImage img = MemoryImage.of(GZIP).put16le(SquashSuperblock.OFF_COMPRESSION, 2);
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> new SquashDriver().probe(img, org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("compressor lzma"), e.getMessage());
  }

  @Test
  void squashfs3IsRefusedByVersion() throws IOException {
    MemoryImage img = MemoryImage.of(GZIP).put16le(SquashSuperblock.OFF_MAJOR, 3);
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> new SquashDriver().probe(img, org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("version 3.0"), e.getMessage());
  }

  @Test
  void aBlockSizeThatDisagreesWithItsLogIsCorrupt() throws IOException {
    MemoryImage img = MemoryImage.of(GZIP).put16le(SquashSuperblock.OFF_BLOCK_LOG, 16);
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> new SquashDriver().probe(img, org.jgrub.io.Bounds.DEFAULT));
    assertEquals("squashfs superblock: block size 131072 with block_log 16 (a power of two from"
        + " 4 KiB to 1 MiB) at byte 0x0", e.getMessage());
  }
}
