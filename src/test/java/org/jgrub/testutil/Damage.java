package org.jgrub.testutil;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;

/**
 * The one damage harness: seeded random damage (the same every run) to the metadata of a real
 * image, each round read back through the driver. The property for every round: the driver reads
 * the damaged volume or refuses it with a jgrub exception that carries a message — never an
 * unchecked exception, a hang or a runaway allocation. A sweep also reports how many rounds were
 * refused, so a test can check that the damage reached the structures it aims at.
 *
 * <p>Regions say where to damage. A region may be sealed: after the damage, a checksum over its
 * structure is recomputed ({@link Region#sealed}), as an attacker who writes the disk would, so
 * the damage reaches the parser instead of stopping at the checksum.
 */
public final class Damage {
  /** Bytes [start, end) to damage; {@code reseal}, when set, rewrites [from, from + length). */
  public record Region(long start, long end, long from, int length, UnaryOperator<byte[]> reseal) {
    public static Region of(long start, long end) {
      return new Region(start, end, 0, 0, null);
    }

    /** Damage inside [start, end), then {@code reseal} the structure [from, from + length). */
    public static Region sealed(long start, long end, long from, int length,
        UnaryOperator<byte[]> reseal) {
      return new Region(start, end, from, length, reseal);
    }
  }

  /** Opens a damaged device as the driver under test; empty when the bytes are not its. */
  public interface Open {
    Optional<? extends GuestFs> open(BlockDevice dev) throws IOException;
  }

  /** Parses one damaged copy of a structure (for parsers tested below the whole volume). */
  public interface Parse {
    void run(byte[] damaged) throws IOException;
  }

  /** Rounds read without complaint, rounds refused, and a few of the refusals' messages. */
  public record Outcome(int read, int refused, List<String> messages) {
    /** The damage reached what the driver checks: at least {@code min} rounds were refused. */
    public Outcome refusedAtLeast(int min, String what) {
      assertTrue(refused >= min, what + ": damage detected in only " + refused + " of "
          + (read + refused) + " rounds (at least " + min + " expected)");
      return this;
    }

    /** Both outcomes occurred: the damage hit checked structures and missed some too. */
    public Outcome readAndRefused(String what) {
      assertTrue(read > 0 && refused > 0, what + ": " + read + " rounds read, " + refused
          + " refused: the damage missed");
      return this;
    }
  }

  private final BlockDevice base;
  private final String name;
  private final List<Region> regions = new ArrayList<>();
  private int rounds = 200;
  private long seed = 1;
  private int maxBytes = 8;
  private Duration timeout = Duration.ofSeconds(10);
  private TreeWalk walk = TreeWalk.DEFAULT;
  private final List<String> paths = new ArrayList<>();

  private Damage(BlockDevice base, String name) {
    this.base = base;
    this.name = name;
  }

  /** A sweep over {@code base} (never written: each round reads it through an overlay). */
  public static Damage of(BlockDevice base, String name) {
    return new Damage(base, name);
  }

  public Damage region(Region r) {
    if (r.end() <= r.start()) {
      throw new IllegalArgumentException(name + ": empty region " + r);
    }
    regions.add(r);
    return this;
  }

  public Damage region(long start, long end) {
    return region(Region.of(start, end));
  }

  public Damage rounds(int n, long seed) {
    this.rounds = n;
    this.seed = seed;
    return this;
  }

  /** Each round damages 1 to {@code n} bytes. */
  public Damage bytesPerRound(int n) {
    this.maxBytes = n;
    return this;
  }

  /** The bound on one round (open and walk), default 10 s. */
  public Damage timeout(Duration d) {
    this.timeout = d;
    return this;
  }

  public Damage walk(TreeWalk w) {
    this.walk = w;
    return this;
  }

  /** Paths resolved through the PathWalker before the walk (as a boot resolves its files). */
  public Damage resolve(String... p) {
    paths.addAll(List.of(p));
    return this;
  }

  /** Runs the sweep: each round opens the damaged device with {@code open} and walks it. */
  public Outcome walkEach(Open open) throws IOException {
    assertTrue(!regions.isEmpty(), name + ": no region to damage");
    Random rnd = new Random(seed);
    Tally t = new Tally();
    t.timeout = timeout;
    for (int round = 0; round < rounds; round++) {
      OverlayDevice dev = new OverlayDevice(base);
      StringBuilder what = new StringBuilder(name).append(" round ").append(round).append(':');
      int n = 1 + rnd.nextInt(maxBytes);
      for (int i = 0; i < n; i++) {
        Region r = regions.get(rnd.nextInt(regions.size()));
        long at = r.start() + (long) (rnd.nextDouble() * (r.end() - r.start()));
        byte v = value(rnd, dev.read(at, 1)[0]);
        dev.patch(at, new byte[] {v});
        what.append(" [0x").append(Long.toHexString(at)).append("]=").append(v & 0xff);
        if (r.reseal() != null) {
          dev.patch(r.from(), r.reseal().apply(dev.read(r.from(), r.length())));
        }
      }
      t.round(what.toString(), () -> {
        Optional<? extends GuestFs> fs = open.open(dev);
        if (fs.isEmpty()) {
          return;
        }
        for (String p : paths) {
          try {
            PathWalker.resolve(fs.get(), p);
          } catch (NotFoundException e) {
            // damage may remove a name; that is no refusal of the volume
          } catch (JgrubException e) {
            t.error(e);
          }
        }
        walk.walk(fs.get(), t::error);
      });
    }
    return t.outcome();
  }

  /**
   * Damages copies of {@code original} ({@code rounds} times, 1 to 8 bytes each, seeded) and hands
   * each to {@code parse}: the same property for a parser tested on one structure.
   */
  public static Outcome parseEach(String name, byte[] original, int rounds, long seed,
      Duration timeout, Parse parse) {
    Random rnd = new Random(seed);
    Tally t = new Tally();
    for (int round = 0; round < rounds; round++) {
      byte[] b = original.clone();
      StringBuilder what = new StringBuilder(name).append(" round ").append(round).append(':');
      int n = 1 + rnd.nextInt(8);
      for (int i = 0; i < n; i++) {
        int at = rnd.nextInt(b.length);
        b[at] = value(rnd, b[at]);
        what.append(" [").append(at).append("]=").append(b[at] & 0xff);
      }
      t.timeout = timeout;
      t.round(what.toString(), () -> parse.run(b));
    }
    return t.outcome();
  }

  /** Half random bytes, a quarter single bit flips, the rest 0x00 or 0xff (lengths, counts). */
  private static byte value(Random rnd, byte old) {
    int k = rnd.nextInt(8);
    if (k < 4) {
      return (byte) rnd.nextInt(256);
    }
    if (k < 6) {
      return (byte) (old ^ (1 << rnd.nextInt(8)));
    }
    return k == 6 ? 0 : (byte) 0xff;
  }

  /** Counts rounds; checks each refusal's message and that nothing else escapes. */
  private static final class Tally {
    Duration timeout = Duration.ofSeconds(10);
    int read;
    int refused;
    boolean hit;
    final List<String> messages = new ArrayList<>();

    interface Body {
      void run() throws IOException;
    }

    void error(JgrubException e) {
      hit = true;
      String m = e.getMessage();
      assertTrue(m != null && !m.isBlank(), "a jgrub exception without a message: " + e);
      if (messages.size() < 20) {
        messages.add(m);
      }
    }

    void round(String what, Body body) {
      hit = false;
      assertTimeoutPreemptively(timeout, () -> {
        try {
          body.run();
        } catch (JgrubException e) {
          error(e);
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
          throw new AssertionError(what + ": " + e, e);
        }
      }, what::toString);
      if (hit) {
        refused++;
      } else {
        read++;
      }
    }

    Outcome outcome() {
      return new Outcome(read, refused, List.copyOf(messages));
    }
  }
}
