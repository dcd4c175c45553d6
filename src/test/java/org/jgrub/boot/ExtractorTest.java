package org.jgrub.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jgrub.io.Bounds;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy of a plan's files into dom0 files, on the sample guest (ext4 made by mke2fs): the bytes
 * written are the bytes the filesystem reads, by either copy path; new files are 0600; a file over
 * the run's size limit is refused before anything is written, and nothing is left unless kept.
 */
class ExtractorTest {
  private static final Log QUIET = new Log() {
    @Override
    public void info(String message) {}

    @Override
    public void debug(String message) {}
  };

  @TempDir Path out;

  private static BootPlan plan(GuestDisk disk) throws IOException {
    LoadedConfig cfg = disk.loadConfig(QUIET);
    BootRequest req = new BootRequest(Fixtures.sample(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "", false, Path.of("/nonexistent"));
    return Bootloader.plan(
        disk, cfg, Bootloader.choose(cfg, Optional.empty(), QUIET), req, QUIET);
  }

  /** The file as the filesystem reads it, block by block, without any layout. */
  private static byte[] readThroughFs(BootFile f) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) f.size());
    while (b.hasRemaining()) {
      int n = f.fs().read(f.node(), f.offset() + b.position(), b);
      assertTrue(n > 0, "short read at " + b.position());
    }
    return b.array();
  }

  private List<Path> left() throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.toList();
    }
  }

  @Test
  void theFilesWrittenAreTheFilesTheFilesystemReads() throws IOException {
    try (GuestDisk disk = GuestDisk.open(Fixtures.sample(), Optional.empty(), Bounds.DEFAULT, QUIET)) {
      BootPlan p = plan(disk);
      assertTrue(p.kernel().fs().layout(p.kernel().node()) != null,
          "ext4 lays out its files, so the run copy path is the one tested");
      BootResult r;
      try (Extractor x = Extractor.open(out, Bounds.DEFAULT)) {
        r = x.extract(p);
        x.keep();
      }
      Path kernel = Path.of(r.kernel());
      Path ramdisk = Path.of(r.ramdisk().orElseThrow());
      assertEquals(out, kernel.getParent());
      assertTrue(kernel.getFileName().toString().startsWith("boot_kernel."), kernel.toString());
      assertArrayEquals(readThroughFs(p.kernel()), Files.readAllBytes(kernel));
      assertArrayEquals(readThroughFs(p.initrds().get(0)), Files.readAllBytes(ramdisk));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kernel)));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ramdisk)));
    }
  }

  @Test
  void aSliceCopiesOnlyItsBytes() throws IOException {
    try (GuestDisk disk = GuestDisk.open(Fixtures.sample(), Optional.empty(), Bounds.DEFAULT, QUIET)) {
      BootFile k = plan(disk).kernel();
      BootFile mid = k.slice("middle", 4097, 10_000);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      Extractor.copy(mid, "section", Channels.newChannel(got));
      byte[] whole = readThroughFs(k);
      byte[] want = java.util.Arrays.copyOfRange(whole, 4097, 4097 + 10_000);
      assertArrayEquals(want, got.toByteArray());
      assertArrayEquals(want, readThroughFs(mid));
    }
  }

  @Test
  void aFileOverTheRunsLimitIsRefusedAndNothingIsLeft() throws IOException {
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.bootFileBytes = 500_000; // above the sample's 300 kB kernel, below its 700 kB initrd
    Bounds small = Bounds.of(b.build());
    try (GuestDisk disk = GuestDisk.open(Fixtures.sample(), Optional.empty(), small, QUIET)) {
      BootPlan p = plan(disk);
      LimitExceededException e;
      try (Extractor x = Extractor.open(out, small)) {
        e = assertThrows(LimitExceededException.class, () -> x.extract(p));
      }
      assertTrue(e.getMessage().startsWith("ramdisk (1 initrd files) is " + p.ramdiskSize()
          + " bytes, more than the limit of 500000 bytes"), e.getMessage());
      assertTrue(e.getMessage().endsWith("(set PYGRUB_MAX_FILE_SIZE_MB to raise it)"), e.getMessage());
      assertEquals(List.of(), left(), "the kernel written before the refusal is removed");
    }
  }

  @Test
  void filesNotKeptAreRemovedOnClose() throws IOException {
    try (GuestDisk disk = GuestDisk.open(Fixtures.sample(), Optional.empty(), Bounds.DEFAULT, QUIET)) {
      BootPlan p = plan(disk);
      try (Extractor x = Extractor.open(out, Bounds.DEFAULT)) {
        x.extract(p);
        assertEquals(2, left().size());
      }
      assertEquals(List.of(), left());
    }
  }
}
