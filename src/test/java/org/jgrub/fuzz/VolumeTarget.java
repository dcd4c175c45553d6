package org.jgrub.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.JgrubException;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;

/**
 * The volume fuzz target: partition discovery on the input, then the first and last sector of
 * every volume found is read, which proves each slice lies inside the disk.
 */
final class VolumeTarget {
  private VolumeTarget() {}

  static void run(byte[] input) throws IOException {
    FuzzBudget.run(b -> runBudgeted(input, b));
  }

  private static void runBudgeted(byte[] input, Budget budget) throws IOException {
    VolumeScan scan;
    try {
      scan = VolumeScanner.scan(FuzzBudget.device(input, budget), FuzzBudget.bounds(budget));
    } catch (JgrubException e) {
      return; // The property allows jgrub's own exceptions.
    }
    // Every volume returned must lie inside the disk: these reads may not fail.
    for (Volume v : scan.volumes()) {
      BlockDevice d = v.device();
      if (d.size() < 0) {
        throw new IllegalStateException(v.description() + ": negative size " + d.size());
      }
      int n = (int) Math.min(512, d.size());
      d.read(0, ByteBuffer.allocate(n));
      d.read(d.size() - n, ByteBuffer.allocate(n));
    }
  }
}
