package org.jgrub.fs.ext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;

/** The ext fixtures made by fixtures/make-ext.sh, and an in-memory device for damaged copies. */
final class ExtImages {
  private ExtImages() {}

  static final Path DIR = Fixtures.ROOT.resolve("ext");

  /** Every fixture name (NAME.img.xz in the fixture folder). */
  static Stream<String> names() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(DIR)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".img.xz"))
          .sorted()
          .forEach(n -> out.add(n.substring(0, n.length() - ".img.xz".length())));
    }
    return out.stream();
  }

  static Path image(String name) throws IOException {
    return Fixtures.image("ext/" + name + ".img.xz");
  }

  static Path manifest(String name) {
    return DIR.resolve(name + ".manifest");
  }

  /** KEY=value lines of NAME.blkid (blkid -p -o export). */
  static Map<String, String> blkid(String name) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String line : Files.readAllLines(DIR.resolve(name + ".blkid"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  /** A fixture's bytes, to damage in a test. */
  static byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(image(name));
  }

  /** A device over a byte array. */
  static final class Mem implements BlockDevice {
    final byte[] data;

    Mem(byte[] data) {
      this.data = data;
    }

    @Override
    public long size() {
      return data.length;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
      checkRange(offset, dst.remaining(), "read");
      dst.put(data, (int) offset, dst.remaining());
    }

    @Override
    public String describe() {
      return "memory image";
    }
  }
}
