package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/**
 * ext4-encrypt.img: the encrypt feature with a directory the kernel encrypted. As in the kernel,
 * the feature alone stops nothing; the encrypted directory is refused with a clear error.
 */
class ExtEncryptTest {
  @Test
  void encryptedDirectoryIsRefusedTheRestReads() throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image("ext4-encrypt"))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertTrue(((ExtFs) fs).superblock().has(Features.INCOMPAT_ENCRYPT));
      Set<String> top = fs.list(fs.root()).stream().map(DirEntry::name)
          .collect(Collectors.toSet());
      assertTrue(top.contains("secret") && top.contains("boot"), top.toString());
      UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
          () -> fs.list(PathWalker.resolve(fs, "/secret")));
      assertTrue(e.getMessage().contains("'encrypt'"), e.getMessage());
      assertThrows(UnsupportedFeatureException.class,
          () -> PathWalker.resolve(fs, "/secret/vmlinuz"));
      assertEquals(TreeCheck.sha256(fs, PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64")),
          TreeCheck.sha256(fs, PathWalker.resolve(fs, "/boot/vmlinuz")));
    }
  }
}
