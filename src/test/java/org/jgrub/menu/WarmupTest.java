package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The build-time warm-up runs the menu's screens without a console. */
class WarmupTest {
  @Test
  void warmupReachesTheEditorsAndReturns() throws Exception {
    long t0 = System.nanoTime();
    // Throws IllegalStateException when the scripted keys stop reaching the editors.
    Warmup.run();
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
  }
}
