package org.jgrub.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
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
 * Extent mapping of a heavily fragmented ext4 file (bench/work/jmh-frag.img: /frag, 64 MiB in
 * thousands of extents): building its run list from the extent tree, and reading it whole through
 * {@code GuestFs.read} (RunReader), which maps every 64 KiB buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExtentMapBench {
  private RawImage dev;
  private GuestFs fs;
  private Node file;
  private final ByteBuffer buf = ByteBuffer.allocate(64 << 10);

  @Setup(Level.Trial)
  public void open() throws IOException {
    dev = RawImage.open(BenchImages.image("jmh-frag.img"));
    fs = BenchImages.openExt(dev);
    file = PathWalker.resolve(fs, "/frag");
    int runs = fs.layout(file).size();
    if (runs < 1000) {
      throw new IOException("/frag has only " + runs + " runs: the image is not fragmented");
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    fs.close();
    dev.close();
  }

  /** Resolves /frag afresh (new inode, no cached map) and lists all its runs: ops/s. */
  @Benchmark
  public List<Run> layout() throws IOException {
    return fs.layout(PathWalker.resolve(fs, "/frag"));
  }

  /** Reads /frag whole through RunReader in 64 KiB pieces (page-cached image): ops/s × 64 MiB. */
  @Benchmark
  public long readAll() throws IOException {
    long pos = 0;
    long sum = 0;
    while (true) {
      buf.clear();
      int n = fs.read(file, pos, buf);
      if (n < 0) {
        break;
      }
      sum += buf.get(0);
      pos += n;
    }
    return pos + sum;
  }
}
