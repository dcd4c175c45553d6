package org.jgrub.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jgrub.image.qcow2.Qcow2Image;
import org.jgrub.image.vhd.VhdImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.io.UsageException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection by content and the rules for backing files. */
class ImagePolicyTest {
  @TempDir Path dir;

  @Test
  void rawDisksStayRawWithTheirFastPath() throws IOException {
    for (String g : new String[] {"guests/logical.img.xz", "guests/grub1-gpt.img.xz",
        "iso9660/hybrid-gpt.img.xz"}) {
      try (BlockDevice d = Images.open(Fixtures.image(g), Optional.empty(), Limits.DEFAULT)) {
        assertInstanceOf(RawImage.class, d, g);
        assertNotNull(d.rawLocation());
      }
    }
  }

  @Test
  void detectionIgnoresTheFileName() throws IOException {
    Path img = dir.resolve("disk.raw");
    Files.copy(Fixtures.image("images/sample-v3.qcow2.xz"), img);
    try (BlockDevice d = Images.open(img, Optional.empty(), Limits.DEFAULT)) {
      assertInstanceOf(Qcow2Image.class, d);
      assertNull(d.rawLocation());
    }
  }

  @Test
  void aFixedVhdKeepsTheFastPathWithinItsData() throws IOException {
    Path img = ImageFixtures.place("sample-fixed.vhd", dir);
    try (BlockDevice d = Images.open(img, Optional.empty(), Limits.DEFAULT)) {
      assertInstanceOf(VhdImage.class, d);
      assertEquals(0, d.rawLocation().offset());
      assertEquals(Files.size(img) - 512, d.size());
    }
    Path dyn = ImageFixtures.place("sample-dynamic.vhd", dir);
    try (BlockDevice d = Images.open(dyn, Optional.empty(), Limits.DEFAULT)) {
      assertNull(d.rawLocation());
    }
  }

  @Test
  void aDescriptorHandedOverMayNameNoOtherFile() throws IOException {
    Path img = ImageFixtures.place("overlay.qcow2", dir);
    FileChannel ch = FileChannel.open(img);
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> Images.of(ch, "xvda.qcow2", Limits.DEFAULT));
    assertEquals("qcow2 image xvda.qcow2 has a backing file 'debian12-guest.img'; with --runas,"
        + " images that need other files are not supported yet (the sandboxed parser receives"
        + " only the disk)", e.getMessage());
    assertThrows(IOException.class, () -> ch.size(), "the channel is closed on failure");
  }

  @Test
  void theChainIsBoundedByTheTreeDepthLimit() throws IOException {
    Path img = ImageFixtures.place("overlay.qcow2", dir);
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.treeDepth = 1;
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> Images.open(img, Optional.of(dir), b.build()));
    assertEquals("qcow2 image " + img + " has a backing file 'debian12-guest.img': images in the"
        + " chain: 2 exceeds the limit of 1", e.getMessage());
  }

  @Test
  void vmdkParentsAreRefusedByName() throws IOException {
    Path img = dir.resolve("vmdk-child.vmdk");
    Files.copy(Fixtures.image("images/vmdk-child.vmdk.xz"), img);
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> Images.open(img, Optional.of(dir), Limits.DEFAULT));
    assertEquals("VMDK image " + img + " has a parent 'sample-sparse.vmdk'; VMDK images with a"
        + " parent are not supported yet", e.getMessage());
  }

  @Test
  void backingDirMustExist() {
    assertThrows(UsageException.class,
        () -> Images.open(dir.resolve("x"), Optional.of(dir.resolve("missing")), Limits.DEFAULT));
  }
}
