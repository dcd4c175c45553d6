package org.jgrub.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Committed test images: {@code src/test/resources/fixtures/...} (xz- or gzip-compressed raw
 * images), unpacked once per test run into {@code target/fixtures/}.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final Path ROOT = Paths.get("src/test/resources/fixtures");
  private static final Path OUT = Paths.get("target/fixtures");

  /** The file at {@code rel} under the fixtures folder, decompressed if it ends in .xz or .gz. */
  public static Path image(String rel) throws IOException {
    return unpack(ROOT.resolve(rel), rel);
  }

  /** The sample guest image that the README's first command boots. */
  public static Path sample() throws IOException {
    return unpack(Paths.get("samples/debian12-guest.img.xz"), "samples/debian12-guest.img.xz");
  }

  private static synchronized Path unpack(Path src, String rel) throws IOException {
    if (!Files.exists(src)) {
      throw new IOException("missing fixture " + src + " (run fixtures/make-*.sh?)");
    }
    String name = src.getFileName().toString();
    if (!name.endsWith(".xz") && !name.endsWith(".gz")) {
      return src;
    }
    Path dst = OUT.resolve(rel.substring(0, rel.length() - 3));
    if (Files.exists(dst) && Files.getLastModifiedTime(dst).compareTo(Files.getLastModifiedTime(src)) >= 0) {
      return dst;
    }
    Files.createDirectories(dst.getParent());
    Path tmp = Files.createTempFile(dst.getParent(), "unpack", ".tmp");
    try (InputStream raw = Files.newInputStream(src);
        InputStream in = name.endsWith(".xz") ? new XZInputStream(raw) : new GZIPInputStream(raw);
        OutputStream out = Files.newOutputStream(tmp)) {
      in.transferTo(out);
    }
    Files.move(tmp, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return dst;
  }
}
