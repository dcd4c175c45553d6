package org.jgrub.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;

/**
 * The shared read path ({@link RunReader}) and layout ({@link RunMap#cover}) on a device whose
 * byte {@code i} is {@code i mod 251}, so every byte read shows where it came from.
 */
class RunReaderTest {
  private static final int SIZE = 8192;
  private static final MemoryImage DEV = new MemoryImage(pattern(), "pattern");

  private static byte[] pattern() {
    byte[] b = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  /** A map over fixed runs; gaps are a driver bug, answered with null. */
  private static RunMap map(Run... runs) {
    List<Run> list = List.of(runs);
    return pos -> RunMap.find(list, pos);
  }

  private static byte[] read(RunMap m, long fileSize, long pos, int len) throws IOException {
    ByteBuffer dst = ByteBuffer.allocate(len);
    int n = RunReader.read(DEV, "file", fileSize, m, pos, dst);
    byte[] out = new byte[Math.max(n, 0)];
    dst.flip().get(out);
    return out;
  }

  @Test
  void readsAcrossRunsAndZeroFillsHoles() throws IOException {
    // file [0,100) at device 1000, [100,300) a hole, [300,400) at device 50.
    RunMap m = map(new Run(0, 1000, 100), new Run(100, -1, 200), new Run(300, 50, 100));
    byte[] b = read(m, 400, 90, 230);
    assertEquals(230, b.length);
    for (int i = 0; i < 10; i++) {
      assertEquals((byte) ((1090 + i) % 251), b[i], "run 1, byte " + i);
    }
    for (int i = 10; i < 210; i++) {
      assertEquals(0, b[i], "hole, byte " + i);
    }
    for (int i = 210; i < 230; i++) {
      assertEquals((byte) ((50 + i - 210) % 251), b[i], "run 3, byte " + i);
    }
  }

  @Test
  void clampsToTheFileSizeAndSaysEndOfFile() throws IOException {
    RunMap m = map(new Run(0, 0, 4096));
    assertEquals(10, read(m, 10, 0, 100).length);
    assertEquals(-1, RunReader.read(DEV, "file", 10, m, 10, ByteBuffer.allocate(1)));
    assertEquals(0, RunReader.read(DEV, "file", 10, m, 10, ByteBuffer.allocate(0)));
    assertThrows(IllegalArgumentException.class,
        () -> RunReader.read(DEV, "file", 10, m, -1, ByteBuffer.allocate(1)));
  }

  @Test
  void aRunOutsideTheDeviceIsCorruptionNamingTheFileAndByte() {
    RunMap m = map(new Run(0, SIZE - 10, 100));
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> read(m, 100, 0, 100));
    assertEquals("pattern: file data at byte 0x" + Long.toHexString(SIZE - 10)
        + " (+100) lies outside the device (size " + SIZE + ")", e.getMessage());
  }

  @Test
  void aMapThatDoesNotHoldTheOffsetIsCorruption() {
    // Nothing maps [100, 200): the driver's map answers null.
    RunMap gap = map(new Run(0, 0, 100), new Run(200, 0, 100));
    assertEquals("file: no valid mapping for file offset 100",
        assertThrows(CorruptDataException.class, () -> read(gap, 300, 0, 300)).getMessage());
    // A run that starts after the offset asked for, and an empty run: never trusted.
    RunMap late = pos -> new Run(pos + 1, 0, 10);
    assertThrows(CorruptDataException.class, () -> read(late, 300, 0, 10));
    RunMap empty = pos -> new Run(pos, 0, 0);
    assertThrows(CorruptDataException.class, () -> read(empty, 300, 0, 10));
  }

  @Test
  void coverFillsHolesMergesContiguousRunsAndCutsAtTheSize() throws IOException {
    // Two runs that continue each other on the device, a hole, one more run past the size.
    RunMap m = map(new Run(0, 1000, 100), new Run(100, 1100, 50), new Run(150, -1, 50),
        new Run(200, 10, 4096));
    assertEquals(List.of(new Run(0, 1000, 150), new Run(150, -1, 50), new Run(200, 10, 300)),
        RunMap.cover(m, 500, "file", Limits.DEFAULT));
    assertEquals(List.of(), RunMap.cover(m, 0, "file", Limits.DEFAULT));
  }

  @Test
  void coverAgreesWithRead() throws IOException {
    RunMap m = map(new Run(0, 3000, 700), new Run(700, -1, 300), new Run(1000, 17, 1000));
    byte[] whole = read(m, 2000, 0, 2000);
    for (Run r : RunMap.cover(m, 2000, "file", Limits.DEFAULT)) {
      for (int i = 0; i < r.length(); i++) {
        byte want = r.isHole() ? 0 : (byte) ((r.deviceOffset() + i) % 251);
        assertEquals(want, whole[(int) (r.fileOffset() + i)], "file byte " + (r.fileOffset() + i));
      }
    }
  }

  @Test
  void coverRefusesWhatReadRefusesAndStopsAtTheRunLimit() throws IOException {
    RunMap gap = map(new Run(0, 0, 100));
    assertEquals("file: no valid mapping for file offset 100",
        assertThrows(CorruptDataException.class, () -> RunMap.cover(gap, 200, "file", Limits.DEFAULT))
            .getMessage());
    // 1-byte runs that never continue each other: one run each.
    RunMap scattered = pos -> new Run(pos, 2 * pos, 1);
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.extentsPerFile = 10;
    Limits ten = b.build();
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> RunMap.cover(scattered, 100, "inode 7", ten));
    assertEquals("inode 7: runs: 11 exceeds the limit of 10", e.getMessage());
    assertEquals(10, RunMap.cover(scattered, 10, "inode 7", ten).size());
  }

  @Test
  void findUsesBinarySearchOverSortedRuns() {
    List<Run> runs = List.of(new Run(0, 0, 10), new Run(10, 100, 5), new Run(20, 200, 5));
    assertEquals(runs.get(1), RunMap.find(runs, 14));
    assertNull(RunMap.find(runs, 15));
    assertEquals(runs.get(2), RunMap.find(runs, 20));
    assertNull(RunMap.find(runs, 25));
  }
}
