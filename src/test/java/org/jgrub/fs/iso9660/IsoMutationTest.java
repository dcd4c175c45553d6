package org.jgrub.fs.iso9660;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import org.jgrub.fs.fat.MutationWalk;
import org.junit.jupiter.api.Test;

/**
 * Random damage to the volume descriptors and directories (blocks 16 to about 60) of the real
 * ISO images ends in a jgrub exception or a read.
 */
class IsoMutationTest {
  private static final long FROM = 16 * 2048;
  private static final long TO = 60 * 2048;

  @Test
  void rockRidgeDeep() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run("iso9660/rr-deep.img.xz", new IsoDriver(), FROM, TO, 200, 1));
  }

  @Test
  void joliet() throws IOException {
    // The Joliet tree (the one read) is a few blocks from its root on: damage those.
    IsoNode root = (IsoNode) IsoFixtureTest.fixture("joliet").root();
    long from = root.dirOffset();
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run(
            "iso9660/joliet.img.xz", new IsoDriver(), from, from + 6 * 2048, 200, 2));
  }

  @Test
  void hybrid() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run("iso9660/hybrid.img.xz", new IsoDriver(), FROM, TO, 200, 3));
  }

  @Test
  void zisofs() {
    // Descriptors, directories and the compressed file data: the image is small, damage it all.
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run("iso9660/zisofs.img.xz", new IsoDriver(), FROM, 1 << 20, 200, 4));
  }
}
