package org.jgrub.fs.ufs;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.JgrubException;
import org.jgrub.testutil.MemoryImage;

/**
 * Seeded random damage to the metadata of a real image: after each round of overwritten bytes the
 * driver must either read the volume or fail with a jgrub exception, within a time bound — never
 * an unchecked exception, a hang or a runaway allocation.
 */
public final class DamageSweep {
  private DamageSweep() {}

  /** A byte range [start, end) of metadata to damage. */
  public record Region(long start, long end) {}

  /** Runs {@code rounds} rounds; returns how many ended in a jgrub exception. */
  public static int run(byte[] pristine, String name, FsDriver driver, Region[] regions,
      int rounds, long seed) {
    Random rnd = new Random(seed);
    int failures = 0;
    for (int round = 0; round < rounds; round++) {
      byte[] img = pristine.clone();
      int flips = 1 + rnd.nextInt(8);
      StringBuilder what = new StringBuilder(name + " round " + round + ":");
      for (int i = 0; i < flips; i++) {
        Region r = regions[rnd.nextInt(regions.length)];
        int at = (int) (r.start() + (long) (rnd.nextDouble() * (r.end() - r.start())));
        byte v = (byte) (rnd.nextInt(4) == 0 ? 0xff : rnd.nextInt(256));
        img[at] = v;
        what.append(" [0x").append(Long.toHexString(at)).append("]=").append(v & 0xff);
      }
      MemoryImage dev = new MemoryImage(img, name);
      boolean[] failed = {false};
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        try {
          Optional<GuestFs> fs = driver.probe(dev);
          if (fs.isPresent()) {
            walk(fs.get(), fs.get().root(), 0, new int[] {0});
          }
        } catch (JgrubException expected) {
          failed[0] = true;
        } catch (IOException | RuntimeException | Error e) {
          throw new AssertionError(what + ": " + e, e);
        }
      }, what::toString);
      if (failed[0]) {
        failures++;
      }
    }
    return failures;
  }

  private static void walk(GuestFs fs, Node dir, int depth, int[] seen) throws IOException {
    if (depth > 12) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(65536);
    for (DirEntry e : fs.list(dir)) {
      if (++seen[0] > 5000) {
        return;
      }
      Node n = fs.open(e);
      switch (n.kind()) {
        case DIRECTORY -> walk(fs, n, depth + 1, seen);
        case SYMLINK -> fs.readLink(n);
        case FILE -> {
          buf.clear();
          fs.read(n, 0, buf);
          fs.layout(n);
        }
        default -> {}
      }
    }
  }
}
