package org.jgrub.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one path walker, on filesystems made by the real tools: ext2 by mke2fs -d (its links are
 * listed in ext2-1k.manifest: chain2 -> chain1 -> vmlinuz, an absolute chain, a relative link to a
 * directory, a two-link loop) and FAT12 by mkfs.vfat + mtools (case-insensitive names).
 */
class PathWalkerTest {
  private static final long KERNEL = 300123; // boot/vmlinuz-6.1.0-56-amd64 in the manifest
  private static BlockDevice extDev;
  private static GuestFs ext;
  private static BlockDevice fatDev;
  private static GuestFs fat;

  @BeforeAll
  static void open() throws IOException {
    extDev = RawImage.open(Fixtures.image("ext/ext2-1k.img.xz"));
    ext = FsProbe.probe(extDev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    fatDev = RawImage.open(Fixtures.image("fat/fat12.img.xz"));
    fat = FsProbe.probe(fatDev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
  }

  @AfterAll
  static void close() throws IOException {
    extDev.close();
    fatDev.close();
  }

  @Test
  void slashesAndDotsAreSkippedAndDotDotStopsAtTheRoot() throws IOException {
    Node plain = PathWalker.resolve(ext, "/boot/vmlinuz-6.1.0-56-amd64");
    assertEquals(KERNEL, plain.size());
    assertEquals(KERNEL, PathWalker.resolve(ext, "//boot/./grub/..//vmlinuz-6.1.0-56-amd64").size());
    assertEquals(KERNEL, PathWalker.resolve(ext, "../../boot/vmlinuz-6.1.0-56-amd64").size());
    assertEquals(KERNEL, PathWalker.resolve(ext, "boot/vmlinuz-6.1.0-56-amd64").size());
    assertEquals(Node.Kind.DIRECTORY, PathWalker.resolve(ext, "/").kind());
  }

  @Test
  void relativeAbsoluteAndChainedLinksAreFollowed() throws IOException {
    // chain2 -> chain1 -> vmlinuz -> vmlinuz-6.1.0-56-amd64, all relative to /boot.
    assertEquals(KERNEL, PathWalker.resolve(ext, "/boot/chain2").size());
    // abs-chain -> /boot/chain2: an absolute target restarts at the root.
    assertEquals(KERNEL, PathWalker.resolve(ext, "/extra/abs-chain").size());
    // rel-to-abs -> ../extra/./abs-chain: relative, then absolute.
    assertEquals(KERNEL, PathWalker.resolve(ext, "/extra/rel-to-abs").size());
    // A link to a directory in the middle of a path.
    assertEquals(1033, PathWalker.resolve(ext, "/extra/grub-dir-link/grub.cfg").size());
  }

  @Test
  void dotDotAfterALinkLeavesTheLinksTargetNotTheLinksDirectory() throws IOException {
    // grub-dir-link -> ../boot/grub, so grub-dir-link/.. is /boot (as Linux and GRUB resolve it),
    // not /extra.
    assertEquals(KERNEL, PathWalker.resolve(ext, "/extra/grub-dir-link/../vmlinuz").size());
    assertThrows(
        NotFoundException.class, () -> PathWalker.resolve(ext, "/extra/grub-dir-link/../abs-chain"));
  }

  @Test
  void aFinalLinkIsKeptWhenAsked() throws IOException {
    assertEquals(Node.Kind.SYMLINK, PathWalker.resolve(ext, "/boot/chain2", false).kind());
    assertEquals(Node.Kind.FILE, PathWalker.resolve(ext, "/boot/chain2", true).kind());
  }

  @Test
  void aLinkLoopEndsAtTheHopLimitWithAMessage() {
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> PathWalker.resolve(ext, "/extra/loop-a"));
    assertTrue(e.getMessage().contains("/extra/loop-a: more than 40 symbolic links"), e.getMessage());
  }

  @Test
  void missingNamesAndFilesUsedAsDirectoriesAreNotFound() throws IOException {
    NotFoundException missing =
        assertThrows(NotFoundException.class, () -> PathWalker.resolve(ext, "/boot/nope/x"));
    assertTrue(missing.getMessage().contains("(no 'nope')"), missing.getMessage());
    NotFoundException notDir =
        assertThrows(
            NotFoundException.class,
            () -> PathWalker.resolve(ext, "/boot/vmlinuz-6.1.0-56-amd64/x"));
    assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
    assertFalse(PathWalker.exists(ext, "/boot/nope"));
    assertTrue(PathWalker.exists(ext, "/boot/chain2"));
  }

  @Test
  void namesCompareCaseInsensitivelyWhereTheFilesystemSays() throws IOException {
    Node a = PathWalker.resolve(fat, "/boot/edge/size-1");
    assertEquals(1, PathWalker.resolve(fat, "/BOOT/Edge/SIZE-1").size());
    assertEquals(a.size(), PathWalker.resolve(fat, "/boot/EDGE/Size-1").size());
    // ext compares bytes.
    assertThrows(NotFoundException.class, () -> PathWalker.resolve(ext, "/BOOT/chain2"));
  }

  @Test
  void everyComponentAndLinkIsChargedAndARepeatedNameIsLookedUpOnce() throws IOException {
    Budget b = Budget.defaults();
    PathWalker.resolve(counted(b), "/boot/chain2");
    // boot, chain2, chain1, vmlinuz, vmlinuz-6.1.0-56-amd64: five components, three links.
    assertEquals(5, b.used(Budget.Kind.LOOKUPS));
    assertEquals(3, b.used(Budget.Kind.SYMLINKS));

    // "grub/.." repeated: each repetition costs two components but no second directory lookup.
    Budget c = Budget.defaults();
    CountingFs counting = new CountingFs(counted(c));
    PathWalker.resolve(counting, "/boot" + "/grub/..".repeat(100) + "/vmlinuz-6.1.0-56-amd64");
    assertEquals(202, c.used(Budget.Kind.LOOKUPS));
    assertEquals(3, counting.lookups, "boot, grub and the kernel, each looked up once");
  }

  @Test
  void aSpentLookupBudgetEndsTheWalk() throws IOException {
    Budget b = Budget.builder().limit(Budget.Kind.LOOKUPS, 10).build();
    GuestFs fs = counted(b);
    BudgetExceededException e =
        assertThrows(
            BudgetExceededException.class,
            () -> PathWalker.resolve(fs, "/boot" + "/grub/..".repeat(10) + "/chain2"));
    assertTrue(e.getMessage().contains("JGRUB_BUDGET_LOOKUPS"), e.getMessage());
    assertSame(e, b.exhausted());
  }

  /** The ext fixture opened again, charging its work to {@code budget}. */
  private static GuestFs counted(Budget budget) throws IOException {
    return FsProbe.probe(extDev, new org.jgrub.io.Bounds(org.jgrub.io.Limits.DEFAULT, budget))
        .orElseThrow();
  }

  /** Counts the lookups the walker asks of a real filesystem. */
  private static final class CountingFs implements GuestFs {
    private final GuestFs fs;
    int lookups;

    CountingFs(GuestFs fs) {
      this.fs = fs;
    }

    @Override
    public String type() {
      return fs.type();
    }

    @Override
    public org.jgrub.io.Bounds bounds() {
      return fs.bounds();
    }

    @Override
    public java.util.Optional<String> uuid() {
      return fs.uuid();
    }

    @Override
    public java.util.Optional<String> label() {
      return fs.label();
    }

    @Override
    public Node root() throws IOException {
      return fs.root();
    }

    @Override
    public java.util.List<DirEntry> list(Node dir) throws IOException {
      return fs.list(dir);
    }

    @Override
    public Node open(DirEntry entry) throws IOException {
      return fs.open(entry);
    }

    @Override
    public java.util.Optional<DirEntry> lookup(Node dir, String name) throws IOException {
      lookups++;
      return fs.lookup(dir, name);
    }

    @Override
    public boolean caseInsensitive(Node dir) {
      return fs.caseInsensitive(dir);
    }

    @Override
    public String readLink(Node link) throws IOException {
      return fs.readLink(link);
    }

    @Override
    public int read(Node file, long pos, java.nio.ByteBuffer dst) throws IOException {
      return fs.read(file, pos, dst);
    }
  }
}
