package org.jgrub.fs.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.JgrubException;
import org.jgrub.testutil.MemoryImage;

/**
 * Damages random bytes of a real image many times over (a fixed seed, so every run is the same)
 * and checks that the driver either reads the result or fails with a jgrub exception: never a
 * runtime error, a hang or an unbounded allocation.
 */
public final class MutationWalk {
  private MutationWalk() {}

  /**
   * Runs {@code rounds} mutations of 1-8 bytes each inside [from, to) of the image and checks
   * that both outcomes occurred (so the damage reaches structures the driver reads).
   */
  public static void run(String fixture, FsDriver driver, long from, long to, int rounds, long seed)
      throws IOException {
    int[] outcome = runOnly(fixture, driver, from, to, rounds, seed);
    if (outcome[0] == 0 || outcome[1] == 0) {
      throw new AssertionError(fixture + ": " + outcome[0] + " rounds read, " + outcome[1]
          + " refused: the damage missed");
    }
  }

  /**
   * Runs the mutations and only checks that no runtime error occurs (for regions where redundancy,
   * such as a backup boot sector, may absorb all damage); returns {read, refused}.
   */
  public static int[] runOnly(
      String fixture, FsDriver driver, long from, long to, int rounds, long seed)
      throws IOException {
    MemoryImage original = MemoryImage.of(fixture);
    java.util.Random rnd = new java.util.Random(seed);
    long end = Math.min(to, original.size());
    int read = 0;
    int refused = 0;
    for (int round = 0; round < rounds; round++) {
      MemoryImage img = original.copy();
      int n = 1 + rnd.nextInt(8);
      StringBuilder what = new StringBuilder();
      for (int i = 0; i < n; i++) {
        long at = from + (long) (rnd.nextDouble() * (end - from));
        int v = rnd.nextInt(256);
        img.put8(at, v);
        what.append(" 0x").append(Long.toHexString(at)).append('=').append(v);
      }
      try {
        Optional<GuestFs> fs = driver.probe(img);
        if (fs.isPresent()) {
          walk(fs.get(), fs.get().root(), 0);
        }
        read++;
      } catch (JgrubException expected) {
        refused++; // a clean refusal is a correct answer for damaged bytes
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError(fixture + " round " + round + " with" + what + ": " + e, e);
      }
    }
    return new int[] {read, refused};
  }

  private static void walk(GuestFs fs, Node dir, int depth) throws IOException {
    if (depth > 24) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    for (DirEntry e : fs.list(dir)) {
      Node n = fs.open(e);
      switch (n.kind()) {
        case DIRECTORY -> walk(fs, n, depth + 1);
        case SYMLINK -> fs.readLink(n);
        case FILE -> {
          long pos = 0;
          int got;
          while ((got = fs.read(n, pos, buf.clear())) > 0) {
            pos += got;
          }
        }
        default -> {}
      }
    }
  }
}
