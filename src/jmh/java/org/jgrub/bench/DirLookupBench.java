package org.jgrub.bench;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Name lookup in a 100,000-entry ext4 directory (bench/work/jmh-bigdir.img: /big/f000000 ..
 * f099999, made by mke2fs -d). {@code ExtFs.lookup} scans the directory once and keeps a hash map
 * of the last few directories; the linear variant is {@code GuestFs.lookup}'s default (scan
 * {@code list} and compare names), which a driver without an override gets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DirLookupBench {
  private RawImage dev;
  private GuestFs fs;
  private Node big;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dev = RawImage.open(BenchImages.image("jmh-bigdir.img"));
    fs = BenchImages.openExt(dev);
    big = PathWalker.resolve(fs, "/big");
    int n = fs.list(big).size();
    if (n != 100_000) {
      throw new IOException("/big has " + n + " entries, expected 100000");
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    fs.close();
    dev.close();
  }

  /** A different name each call, spread over the directory. */
  private String nextName() {
    next = (next + 7919) % 100_000;
    String d = Integer.toString(next);
    return "f000000".substring(0, 7 - d.length()) + d;
  }

  private static DirEntry found(Optional<DirEntry> e) throws IOException {
    if (e.isEmpty()) {
      throw new IOException("lookup failed");
    }
    return e.get();
  }

  /** ExtFs.lookup with the directory's names cached (every lookup after the first): ops/s. */
  @Benchmark
  public DirEntry lookupWarm() throws IOException {
    return found(fs.lookup(big, nextName()));
  }

  /** ExtFs.lookup on a freshly probed filesystem: read, parse and index 100,000 entries: ops/s. */
  @Benchmark
  public DirEntry lookupCold() throws IOException {
    GuestFs fresh = BenchImages.openExt(dev);
    return found(fresh.lookup(PathWalker.resolve(fresh, "/big"), nextName()));
  }

  /** GuestFs.lookup's default: list the directory and compare each name: ops/s. */
  @Benchmark
  public DirEntry lookupLinearDefault() throws IOException {
    String name = nextName();
    for (DirEntry e : fs.list(big)) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IOException("lookup failed");
  }

  /** Listing the 100,000 entries: ops/s. */
  @Benchmark
  public List<DirEntry> list() throws IOException {
    return fs.list(big);
  }
}
