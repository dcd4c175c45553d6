package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PathWalker over ext: doubled slashes, "." and "..", symlink chains, a loop, fast/slow links. */
class ExtPathTest {
  private RawImage dev;
  private GuestFs fs;

  @BeforeEach
  void open() throws IOException {
    dev = RawImage.open(ExtImages.image("ext4-4k"));
    fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
  }

  @AfterEach
  void close() throws IOException {
    dev.close();
  }

  private String sha(String path) throws IOException {
    return TreeCheck.sha256(fs, PathWalker.resolve(fs, path));
  }

  @Test
  void doubledSlashesAndDots() throws IOException {
    String kernel = sha("/boot/vmlinuz-6.1.0-56-amd64");
    assertEquals(kernel, sha("//boot/vmlinuz"));
    assertEquals(kernel, sha("boot//./vmlinuz"));
    assertEquals(kernel, sha("/boot/grub/../vmlinuz"));
    assertEquals(kernel, sha("/../../boot/vmlinuz")); // ".." at the root stays there
  }

  @Test
  void symlinkChains() throws IOException {
    String kernel = sha("/boot/vmlinuz-6.1.0-56-amd64");
    assertEquals(kernel, sha("/boot/chain2")); // chain2 -> chain1 -> vmlinuz -> file
    assertEquals(kernel, sha("/extra/abs-chain")); // absolute, then relative
    assertEquals(kernel, sha("/extra/rel-to-abs")); // relative through "." to an absolute one
    assertEquals(sha("/boot/initrd.img-6.1.0-55-amd64"), sha("/boot/initrd.img.old"));
    Node cfg = PathWalker.resolve(fs, "/extra/grub-dir-link/grub.cfg");
    assertEquals(Node.Kind.FILE, cfg.kind());
    assertEquals(sha("/boot/grub/grub.cfg"), TreeCheck.sha256(fs, cfg));
  }

  @Test
  void fastAndSlowSymlinkTargets() throws IOException {
    // 59 bytes fit in i_block; 60 and 61 need a data block; the 203-byte one too.
    assertEquals("a".repeat(59), fs.readLink(PathWalker.resolve(fs, "/extra/link-59", false)));
    assertEquals("b".repeat(60), fs.readLink(PathWalker.resolve(fs, "/extra/link-60", false)));
    assertEquals("c".repeat(61), fs.readLink(PathWalker.resolve(fs, "/extra/link-61", false)));
    assertEquals("../" + "x".repeat(200),
        fs.readLink(PathWalker.resolve(fs, "/boot/edge/long-link", false)));
  }

  @Test
  void symlinkLoopIsCleanError() {
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> PathWalker.resolve(fs, "/extra/loop-a"));
    assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
  }

  @Test
  void missingAndNotADirectory() throws IOException {
    assertThrows(NotFoundException.class, () -> PathWalker.resolve(fs, "/boot/nothing"));
    assertThrows(NotFoundException.class, () -> PathWalker.resolve(fs, "/boot/vmlinuz/x"));
    assertThrows(NotFoundException.class, () -> PathWalker.resolve(fs, "/BOOT/vmlinuz"));
    assertFalse(PathWalker.exists(fs, "/extra/link-59")); // dangling target
    assertTrue(PathWalker.exists(fs, "/extra/name with spaces"));
    assertTrue(PathWalker.exists(fs, "/boot/edge/ünïcødé-名前.txt"));
  }
}
