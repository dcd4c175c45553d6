package org.jgrub.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.jgrub.image.vhd.VhdImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A differencing VHD written by Xen Orchestra's vhd-lib (fixtures/make-vhd-diff.sh) over the
 * sample converted by qemu-img, and a child of that: with --backing-dir each chain reads as
 * vhd-lib reads it; without, it is refused naming its parent; a parent with another unique id is
 * refused.
 */
class VhdDifferencingTest {
  @TempDir Path dir;

  static Stream<ImageFixtures.Oracle> chains() throws IOException {
    return ImageFixtures.vhdDiff().stream();
  }

  private static ImageFixtures.Oracle oracle(String name) throws IOException {
    return ImageFixtures.vhdDiff().stream().filter(o -> o.name().equals(name)).findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chains")
  void theChainReadsAsVhdLibReadsIt(ImageFixtures.Oracle o)
      throws IOException, NoSuchAlgorithmException {
    Path img = ImageFixtures.place(o.name(), dir);
    try (BlockDevice d = Images.open(img, Optional.of(dir), Limits.DEFAULT)) {
      assertInstanceOf(VhdImage.class, d);
      assertEquals(o.size(), d.size());
      assertEquals(o.sha256(), ImageOracleTest.sha256(d, 1 << 20));
      // Reads that straddle sectors whose bits differ and the 2 MiB block boundary at 42 MiB.
      assertEquals(o.sha256(), ImageOracleTest.sha256(d, 3 * 4096 + 1536 + 7));
    }
  }

  @Test
  void eachChildChangesTheChain() throws IOException {
    assertNotEquals(ImageFixtures.manifest().stream().filter(
        m -> m.name().equals("sample-dynamic.vhd")).findFirst().orElseThrow().sha256(),
        oracle("vhd-child.vhd").sha256());
    assertNotEquals(oracle("vhd-child.vhd").sha256(), oracle("vhd-grandchild.vhd").sha256());
  }

  /** The child's own sectors are read from it, the rest from the parent. */
  @Test
  void theChildsSectorsAndTheParentsMeetWithinABlock() throws IOException {
    Path img = ImageFixtures.place("vhd-child.vhd", dir);
    try (BlockDevice d = Images.open(img, Optional.of(dir), Limits.DEFAULT);
        BlockDevice parent = Images.open(dir.resolve("vhd-parent.vhd"), Optional.empty(),
            Limits.DEFAULT)) {
      long at = (42L << 20) - 2048 - 512;
      byte[] got = d.read(at, 5120);
      byte[] want = parent.read(at, 5120);
      assertArrayEquals(Arrays.copyOfRange(want, 0, 512), Arrays.copyOfRange(got, 0, 512));
      byte[] pattern = new byte[4096];
      Arrays.fill(pattern, (byte) 0x3c);
      assertArrayEquals(pattern, Arrays.copyOfRange(got, 512, 4608));
      assertArrayEquals(Arrays.copyOfRange(want, 4608, 5120), Arrays.copyOfRange(got, 4608, 5120));
    }
  }

  @Test
  void theChangedGrubCfgIsTheChilds() throws IOException {
    Path img = ImageFixtures.place("vhd-child.vhd", dir);
    try (BlockDevice d = Images.open(img, Optional.of(dir), Limits.DEFAULT);
        BlockDevice parent = Images.open(dir.resolve("vhd-parent.vhd"), Optional.empty(),
            Limits.DEFAULT)) {
      byte[] child = d.read(0, 8 << 20);
      byte[] base = parent.read(0, 8 << 20);
      String c = new String(child, StandardCharsets.ISO_8859_1);
      String b = new String(base, StandardCharsets.ISO_8859_1);
      int at = b.indexOf("vmlinuz-6.1.0-13-amd64 root=/dev/xvda1 ro console=hvc0 quiet");
      assertEquals(at, c.indexOf("vmlinuz-6.1.0-13-amd64 root=/dev/xvda1 ro console=hvc0 debug"));
    }
  }

  /** The grandchild's 512 bytes within the child's 4 KiB, over the parent's sectors. */
  @Test
  void threeFilesMeetAroundTheBlockBoundary() throws IOException {
    Path img = ImageFixtures.place("vhd-grandchild.vhd", dir);
    try (BlockDevice d = Images.open(img, Optional.of(dir), Limits.DEFAULT)) {
      byte[] got = d.read((42L << 20) - 2048, 4096);
      for (int i = 0; i < got.length; i++) {
        assertEquals(i >= 1024 && i < 1536 ? (byte) 0xc3 : (byte) 0x3c, got[i], "byte " + i);
      }
    }
  }

  @Test
  void withoutBackingDirItIsRefusedNamingItsParent() throws IOException {
    Path img = ImageFixtures.place("vhd-child.vhd", dir);
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> Images.open(img, Optional.empty(), Limits.DEFAULT));
    assertEquals("VHD image " + img + " has a parent 'vhd-parent.vhd'; jgrub opens backing files"
        + " only under --backing-dir", e.getMessage());
  }

  @Test
  void aParentWithAnotherUniqueIdIsRefused() throws IOException {
    Path img = ImageFixtures.place("vhd-child-other-parent.vhd", dir);
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> Images.open(img, Optional.of(dir), Limits.DEFAULT));
    assertEquals("VHD image " + img + ": parent 'vhd-parent.vhd' is not the VHD it was made from"
        + " (unique id differs)", e.getMessage());
  }
}
