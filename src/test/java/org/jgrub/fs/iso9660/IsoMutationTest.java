package org.jgrub.fs.iso9660;

import java.io.IOException;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;

/**
 * Random damage (the shared {@link Damage} harness) to the volume descriptors and directories
 * (blocks 16 to about 60) of the real ISO images ends in a jgrub exception or a read.
 */
class IsoMutationTest {
  private static final long FROM = 16 * 2048;
  private static final long TO = 60 * 2048;

  /** {@code rounds} rounds of 1-8 damaged bytes inside [from, to) of {@code fixture}. */
  private static void sweep(String fixture, long from, long to, int rounds, long seed)
      throws IOException {
    MemoryImage img = MemoryImage.of(fixture);
    Damage.of(img, fixture).region(from, Math.min(to, img.size())).rounds(rounds, seed)
        .walkEach(dev -> new IsoDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT)).readAndRefused(fixture);
  }

  @Test
  void rockRidgeDeep() throws IOException {
    sweep("iso9660/rr-deep.img.xz", FROM, TO, 200, 1);
  }

  @Test
  void joliet() throws IOException {
    // The Joliet tree (the one read) is a few blocks from its root on: damage those.
    IsoNode root = (IsoNode) IsoFixtureTest.fixture("joliet").root();
    long from = root.dirOffset();
    sweep("iso9660/joliet.img.xz", from, from + 6 * 2048, 200, 2);
  }

  @Test
  void hybrid() throws IOException {
    sweep("iso9660/hybrid.img.xz", FROM, TO, 200, 3);
  }

  @Test
  void zisofs() throws IOException {
    // Descriptors, directories and the compressed file data: the image is small, damage it all.
    sweep("iso9660/zisofs.img.xz", FROM, 1 << 20, 200, 4);
  }
}
