package org.jgrub.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.BudgetedDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.SliceDevice;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy of a file (RunReader.copy, what the extractor uses) and the read of it
 * (RunReader.read) pass the same bounds: a run that leaves its volume fails in both, with the same
 * message, whether the device copies through the kernel (a raw image file) or by reading (memory).
 */
class RunCopyTest {
  private static final int PART = 4096;

  /** A 12 KiB disk: "partition 1" is bytes 4096..8191 (all 'a'), the rest is 'b'. */
  private static byte[] disk() {
    byte[] d = new byte[3 * PART];
    Arrays.fill(d, (byte) 'b');
    Arrays.fill(d, PART, 2 * PART, (byte) 'a');
    return d;
  }

  private static List<BlockDevice> parents(Path tmp) throws IOException {
    Path f = tmp.resolve("disk.img");
    Files.write(f, disk());
    return List.of(new MemoryImage(disk(), "memory"), RawImage.open(f),
        new BudgetedDevice(RawImage.open(f), Budget.defaults()));
  }

  @Test
  void aCopyThroughTheBudgetIsChargedOnceAndReachesTheFile(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("disk.img");
    Files.write(f, disk());
    Budget budget = Budget.defaults();
    BlockDevice part =
        new SliceDevice(new BudgetedDevice(RawImage.open(f), budget), PART, PART, "partition 1");
    assertEquals(PART, part.rawLocation().offset(), "the slice still names its bytes in the file");
    ByteArrayOutputStream copied = new ByteArrayOutputStream();
    part.transferTo(100, 3000, Channels.newChannel(copied));
    assertEquals(3000, copied.size());
    assertEquals(3000, budget.used(Budget.Kind.DISK_BYTES));
  }

  @Test
  void runsInsideTheVolumeCopyAsTheyRead(@TempDir Path tmp) throws IOException {
    for (BlockDevice parent : parents(tmp)) {
      BlockDevice part = new SliceDevice(parent, PART, PART, "partition 1");
      // 1000 bytes of a hole, then 3000 bytes of data from the volume's byte 1000.
      List<Run> runs = List.of(new Run(0, -1, 1000), new Run(1000, 1000, 3096));
      ByteArrayOutputStream copied = new ByteArrayOutputStream();
      RunReader.copy(part, "f", 4000, runs, Channels.newChannel(copied));
      ByteBuffer read = ByteBuffer.allocate(4000);
      RunReader.read(part, "f", 4000, pos -> RunMap.find(runs, pos), 0, read);
      assertArrayEquals(read.array(), copied.toByteArray());
      byte[] want = new byte[4000];
      Arrays.fill(want, 1000, 4000, (byte) 'a');
      assertArrayEquals(want, copied.toByteArray());
    }
  }

  @Test
  void aRunPastTheVolumeFailsInTheCopyAsInTheRead(@TempDir Path tmp) throws IOException {
    for (BlockDevice parent : parents(tmp)) {
      BlockDevice part = new SliceDevice(parent, PART, PART, "partition 1");
      // Inside the disk, but 16 bytes past the partition's end: the next partition's bytes.
      List<Run> runs = List.of(new Run(0, PART + 16, 512));
      Path out = tmp.resolve("out");
      CorruptDataException copy;
      try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        copy = assertThrows(CorruptDataException.class, () -> RunReader.copy(part, "kernel", 512, runs, ch));
      }
      CorruptDataException read = assertThrows(CorruptDataException.class,
          () -> RunReader.read(part, "kernel", 512, pos -> RunMap.find(runs, pos), 0, ByteBuffer.allocate(512)));
      assertEquals("partition 1: kernel data at byte 0x1010 (+512) lies outside the device (size 4096)",
          copy.getMessage());
      assertEquals(read.getMessage(), copy.getMessage());
      assertEquals(0, Files.size(out), "bytes were copied before the check");
    }
  }

  @Test
  void aLayoutWithAGapIsRefused() throws IOException {
    BlockDevice part = new SliceDevice(new MemoryImage(disk(), "memory"), PART, PART, "partition 1");
    List<Run> runs = List.of(new Run(0, 0, 512), new Run(1024, 512, 512));
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> RunReader.copy(part, "kernel", 1536, runs, Channels.newChannel(new ByteArrayOutputStream())));
    assertEquals("kernel: file layout has a gap or overlap at offset 512", e.getMessage());
  }
}
