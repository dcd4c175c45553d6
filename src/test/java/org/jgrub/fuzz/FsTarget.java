package org.jgrub.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.Budget;
import org.jgrub.io.JgrubException;
import org.jgrub.testutil.TreeWalk;

/**
 * The filesystem fuzz target: one driver probes the input, then the whole tree is walked, every
 * link read and every file read, as far as the bounds below allow ({@link TreeWalk}, shared with
 * the damage tests). The property: it returns, or
 * throws a {@link JgrubException}; anything else escapes to the fuzzer as a finding.
 */
final class FsTarget {
  /** Nodes visited in one walk: the harness's own bound, since the walk itself is not jgrub's. */
  private static final int MAX_NODES = 2_000;
  /** Directory depth walked. */
  private static final int MAX_DEPTH = 24;
  /** Bytes read from one file. */
  private static final long MAX_FILE_BYTES = 1 << 20;

  private static final TreeWalk WALK =
      new TreeWalk(MAX_NODES, MAX_DEPTH, MAX_NODES, MAX_FILE_BYTES, Set.of());

  private static final List<String> PATHS =
      List.of("/boot/grub/grub.cfg", "/boot/vmlinuz", "/boot/../boot/./initrd.img", "/link");

  private FsTarget() {}

  static FsDriver driver(String name) {
    for (FsDriver d : FsProbe.drivers()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no driver " + name + " in " + FsProbe.drivers());
  }

  static void run(String driver, byte[] input) throws IOException {
    FuzzBudget.run(b -> runBudgeted(driver, input, b));
  }

  private static void runBudgeted(String driver, byte[] input, Budget budget)
      throws IOException {
    try {
      Optional<GuestFs> fs = driver(driver).probe(FuzzBudget.device(input, budget), FuzzBudget.bounds(budget));
      if (fs.isEmpty()) {
        return;
      }
      try (GuestFs g = fs.get()) {
        g.type();
        g.uuid();
        g.label();
        g.space();
        g.features();
        walk(g);
        for (String p : PATHS) {
          try {
            Node n = PathWalker.resolve(g, p);
            n.attributes();
            if (n.kind() == Node.Kind.FILE) {
              readAll(g, n);
            }
          } catch (JgrubException e) {
            // not found or broken: allowed
          }
        }
      }
    } catch (JgrubException e) {
      // The property allows jgrub's own exceptions.
    }
  }

  /** The walk every damage test makes too; per-node refusals are allowed and it goes on. */
  private static void walk(GuestFs g) throws IOException {
    WALK.walk(g, e -> {});
  }

  private static void readAll(GuestFs g, Node n) throws IOException {
    g.layout(n);
    ByteBuffer buf = ByteBuffer.allocate(64 << 10);
    long pos = 0;
    while (pos < MAX_FILE_BYTES) {
      buf.clear();
      int r = g.read(n, pos, buf);
      if (r < 0) {
        return;
      }
      if (r == 0) {
        throw new IllegalStateException("read returned 0 at " + pos + " of " + n.size());
      }
      pos += r;
    }
  }
}
