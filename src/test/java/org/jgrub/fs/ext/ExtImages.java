package org.jgrub.fs.ext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
}
