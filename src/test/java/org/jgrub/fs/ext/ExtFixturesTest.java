package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ext fixture, probed through FsProbe and walked whole against its manifest. */
class ExtFixturesTest {
  static java.util.stream.Stream<String> names() throws IOException {
    return ExtImages.names();
  }

  @Test
  void everyFeatureHasItsImage() throws IOException {
    Set<String> have = ExtImages.names().collect(Collectors.toSet());
    for (String n : List.of("ext2-1k", "ext3-2k", "ext4-4k", "ext4-64k", "ext4-inline",
        "ext4-bigalloc", "ext4-casefold", "ext4-metabg", "ext4-sparse2", "ext4-kernel",
        "ext4-encrypt", "ext4-hash-signed", "ext4-hash-unsigned", "ext4-bigalloc-1k",
        "ext2-rev0", "ext3-kernel", "ext4-dirty", "ext4-metabg-sparse2")) {
      assertTrue(have.contains(n), "missing fixture " + n);
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void treeMatchesManifest(String name) throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image(name))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertInstanceOf(ExtFs.class, fs);
      Manifest m = Manifest.read(ExtImages.manifest(name));
      assertTrue(m.items().size() > 100, "manifest too small");
      // "secret" (ext4-encrypt only) is encrypted: ExtEncryptTest checks that it is refused.
      TreeCheck.compare(fs, m, Set.of("lost+found", "secret"));
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void typeUuidLabelMatchBlkid(String name) throws IOException {
    var want = ExtImages.blkid(name);
    try (RawImage dev = RawImage.open(ExtImages.image(name))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertEquals(want.get("TYPE"), fs.type());
      assertEquals(want.get("UUID"), fs.uuid().orElse(null));
      assertEquals(want.get("LABEL"), fs.label().orElse(null));
    }
  }
}
