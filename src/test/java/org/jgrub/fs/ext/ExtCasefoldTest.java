package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/**
 * Case-insensitive lookup only where the directory has the casefold flag (ext4-casefold.img: /cf
 * has it, its subdirectory Sub and every other directory do not).
 */
class ExtCasefoldTest {
  @Test
  void casefoldDirectoryIgnoresCase() throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image("ext4-casefold"))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertTrue(fs.caseInsensitive(PathWalker.resolve(fs, "/cf")));
      assertFalse(fs.caseInsensitive(fs.root()));
      assertFalse(fs.caseInsensitive(PathWalker.resolve(fs, "/cf/Sub")));
      String cfg = TreeCheck.sha256(fs, PathWalker.resolve(fs, "/cf/Grub.CFG"));
      assertEquals(cfg, TreeCheck.sha256(fs, PathWalker.resolve(fs, "/cf/grub.cfg")));
      assertEquals(cfg, TreeCheck.sha256(fs, PathWalker.resolve(fs, "/cf/GRUB.cfg")));
      // Non-ASCII: "Ä" folds to "ä", in composed or decomposed form.
      String umlaut = TreeCheck.sha256(fs, PathWalker.resolve(fs, "/cf/Ärger.txt"));
      assertEquals(umlaut, TreeCheck.sha256(fs, PathWalker.resolve(fs, "/cf/ärger.TXT")));
      assertEquals(umlaut, TreeCheck.sha256(fs, PathWalker.resolve(fs, "/cf/a\u0308rger.txt")));
      // The flag belongs to /cf only: "sub" is found in /cf, "file" is not found in /cf/Sub.
      assertTrue(PathWalker.exists(fs, "/cf/sub/File"));
      assertThrows(NotFoundException.class, () -> PathWalker.resolve(fs, "/cf/Sub/file"));
      assertThrows(NotFoundException.class, () -> PathWalker.resolve(fs, "/BOOT/grub/grub.cfg"));
    }
  }

  @Test
  void casefoldNeedsTheFeature() throws IOException {
    // The same flag without the filesystem feature means nothing (ext4_fname_setup_ci_filename).
    byte[] img = ExtImages.bytes("ext4-casefold");
    ExtDamage.clearIncompat(img, Features.INCOMPAT_CASEFOLD);
    GuestFs fs = FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    assertFalse(fs.caseInsensitive(PathWalker.resolve(fs, "/cf")));
    assertThrows(NotFoundException.class, () -> PathWalker.resolve(fs, "/cf/grub.cfg"));
    assertTrue(PathWalker.exists(fs, "/cf/Grub.CFG"));
  }
}
