package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's deadline: a disk that answers slowly ends the run cleanly, naming the deadline. */
class DeadlineTest {
  @TempDir Path out;

  /** The sample guest, each read delayed: a disk on a stalled network store. */
  static final class SlowDevice implements BlockDevice {
    private final BlockDevice dev;
    private final long delayMillis;
    int reads;

    SlowDevice(BlockDevice dev, long delayMillis) {
      this.dev = dev;
      this.delayMillis = delayMillis;
    }

    @Override
    public long size() {
      return dev.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
      reads++;
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
      dev.read(offset, dst);
    }

    @Override
    public String describe() {
      return "slow " + dev.describe();
    }

    @Override
    public void close() throws IOException {
      dev.close();
    }
  }

  @Test
  void aSlowDiskHitsTheDeadlineAndTheRunEndsCleanly() throws IOException {
    Options o = Options.parse(new String[] {"-q", "--output-directory=" + out, "disk.img"});
    Budget budget = Budget.builder().deadlineSeconds(1).build();
    SlowDevice slow = new SlowDevice(RawImage.open(Fixtures.sample()), 100);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    BudgetExceededException e;
    try (PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      e =
          assertThrows(
              BudgetExceededException.class,
              () -> Job.run(o, slow, new org.jgrub.io.Bounds(org.jgrub.io.Limits.DEFAULT, budget),
                  new Main.StderrLog(ps, false)));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        e.getMessage().startsWith("work budget 'deadline' exhausted: jgrub took longer than 1 s"),
        e.getMessage());
    assertTrue(e.getMessage().contains("JGRUB_DEADLINE_S"), e.getMessage());
    // Noticed at the first read after the deadline, not at the end of the pipeline.
    assertTrue(millis < 1000 + 5 * 100 + 2000, millis + " ms");
    assertTrue(slow.reads >= 5, "reads: " + slow.reads);
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void theSameDiskWithinTheDeadlineBoots() throws IOException {
    Budget budget = Budget.builder().deadlineSeconds(60).build();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status =
          Main.run(
              new String[] {"-q", "--output-directory=" + out, Fixtures.sample().toString()},
              o, e, null, budget, false);
    }
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void pausedTimeDoesNotCount() throws Exception {
    Budget budget = Budget.builder().deadlineSeconds(1).build();
    budget.pause();
    Thread.sleep(1200);
    budget.checkDeadline();
    budget.resume();
    budget.checkDeadline();
    Thread.sleep(1100);
    assertThrows(BudgetExceededException.class, budget::checkDeadline);
  }

  @Test
  void aSpentBudgetStaysSpentAndNamesItsVariable() {
    Budget budget = Budget.builder().limit(Budget.Kind.LOOKUPS, 3).build();
    BudgetExceededException first =
        assertThrows(
            BudgetExceededException.class,
            () -> {
              for (int i = 0; i < 4; i++) {
                budget.charge(Budget.Kind.LOOKUPS, 1);
              }
            });
    assertEquals(
        "work budget 'lookups' exhausted: more than 3 path components walked in one run (a loop"
            + " in the guest's config, links or directories?); if the guest is genuine, set"
            + " JGRUB_BUDGET_LOOKUPS above 3",
        first.getMessage());
    // Any later charge, of any kind, throws the same exception.
    assertEquals(
        first,
        assertThrows(
            BudgetExceededException.class, () -> budget.charge(Budget.Kind.CONFIG_BYTES, 1)));
  }

  @Test
  void theEnvironmentSetsBudgetsAndRefusesNonsense() throws Exception {
    Budget b =
        Budget.fromEnv(
            java.util.Map.of("JGRUB_BUDGET_DISK_MB", "10", "JGRUB_DEADLINE_S", "5"), 1 << 20);
    assertEquals(10L << 20, b.limit(Budget.Kind.DISK_BYTES));
    assertEquals(5, b.deadlineSeconds());
    assertEquals((1024L << 20) + (2 << 20), b.limit(Budget.Kind.DECOMPRESSED_BYTES));
    assertThrows(
        org.jgrub.io.UsageException.class,
        () -> Budget.fromEnv(java.util.Map.of("JGRUB_DEADLINE_S", "0"), 0));
    assertThrows(
        org.jgrub.io.UsageException.class,
        () -> Budget.fromEnv(java.util.Map.of("JGRUB_BUDGET_LOOKUPS", "many"), 0));
  }
}
