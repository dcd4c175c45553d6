package org.jgrub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.ext.ExtDriver;
import org.jgrub.image.RawImage;

/** The images bench/make-bench-images.sh makes with the real tools, opened with jgrub's ext driver. */
final class BenchImages {
  private BenchImages() {}

  /** bench/work, or the directory named by -Djgrub.bench.work. */
  static Path work() {
    return Path.of(System.getProperty("jgrub.bench.work", "bench/work"));
  }

  static Path image(String name) throws IOException {
    Path p = work().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + " is missing: run bench/make-bench-images.sh (as root) first");
    }
    return p;
  }

  static GuestFs openExt(RawImage dev) throws IOException {
    Optional<GuestFs> fs = new ExtDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    if (fs.isEmpty()) {
      throw new IOException(dev.describe() + " is not ext2/3/4");
    }
    return fs.get();
  }
}
