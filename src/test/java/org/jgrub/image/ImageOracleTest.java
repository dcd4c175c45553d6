package org.jgrub.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.jgrub.io.BlockDevice;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image fixture, opened by content, reads as the virtual disk qemu-img reads: the same
 * size and, over every byte, the same sha256 as {@code qemu-img convert -O raw}.
 */
class ImageOracleTest {
  static Stream<ImageFixtures.Oracle> images() throws IOException {
    return ImageFixtures.manifest().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void virtualDiskEqualsQemuImgConvert(ImageFixtures.Oracle o, @TempDir Path dir)
      throws IOException, NoSuchAlgorithmException {
    Path img = ImageFixtures.place(o.name(), dir);
    try (BlockDevice d = Images.open(img, Optional.of(dir), org.jgrub.io.Limits.DEFAULT)) {
      assertEquals(o.size(), d.size());
      assertEquals(o.sha256(), sha256(d, 1 << 20));
    }
  }

  /** Reads with an odd-sized buffer too, so that reads straddle clusters and subclusters. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void unalignedReadsAgree(ImageFixtures.Oracle o, @TempDir Path dir)
      throws IOException, NoSuchAlgorithmException {
    Path img = ImageFixtures.place(o.name(), dir);
    try (BlockDevice d = Images.open(img, Optional.of(dir), org.jgrub.io.Limits.DEFAULT)) {
      assertEquals(o.sha256(), sha256(d, 3 * 4096 + 1536 + 7));
    }
  }

  static String sha256(BlockDevice d, int chunk) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ByteBuffer buf = ByteBuffer.allocate(chunk);
    for (long at = 0; at < d.size(); ) {
      buf.clear();
      buf.limit((int) Math.min(chunk, d.size() - at));
      d.read(at, buf);
      buf.flip();
      at += buf.remaining();
      md.update(buf);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
