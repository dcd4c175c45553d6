package org.jgrub.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jgrub.fs.Run;
import org.junit.jupiter.api.Test;

/** A section of a file is the file's runs cut to the section's bytes and rebased to offset 0. */
class ExtractorSliceTest {
  private static final List<Run> RUNS = List.of(
      new Run(0, 10_000, 4096), new Run(4096, -1, 4096), new Run(8192, 50_000, 4096));

  @Test
  void cutsBothEndsAndKeepsHoles() {
    assertEquals(List.of(new Run(0, 11_000, 3096), new Run(3096, -1, 4096),
        new Run(7192, 50_000, 100)), Extractor.slice(RUNS, 1000, 3096 + 4096 + 100));
  }

  @Test
  void aRangeInsideOneRun() {
    assertEquals(List.of(new Run(0, 50_100, 10)), Extractor.slice(RUNS, 8292, 10));
  }

  @Test
  void aGapInTheLayoutStaysAGap() {
    // RunReader.copy then refuses it: "file layout has a gap or overlap".
    List<Run> gappy = List.of(new Run(0, 10_000, 4096), new Run(8192, 50_000, 4096));
    assertEquals(List.of(new Run(0, 13_096, 1000), new Run(5096, 50_000, 100)),
        Extractor.slice(gappy, 3096, 5196));
  }
}
