package org.jgrub.fs.reiserfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.image.RawImage;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the ReiserFS 3.5 and 3.6 volumes written by Linux's own driver against their MANIFESTs. */
class ReiserFsTest {
  @ParameterizedTest
  @CsvSource({"reiserfs-3.6-boot, true", "reiserfs-3.5-boot, false"})
  void wholeTreeMatchesManifest(String name, boolean format36) throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/" + name + ".img.xz"))) {
      assertEquals("reiserfs", FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow().type(), "registered in FsProbe");
      ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertEquals(format36, fs.superblock().format36());
      assertEquals(3, fs.superblock().treeHeight(), "Tree height in reiserfs-INFO.txt");
      assertEquals(3, fs.superblock().hashFunction(), "r5 in reiserfs-INFO.txt");
      TreeCheck.compare(fs, Manifest.read(Fixtures.ROOT.resolve("reiserfs/" + name + ".MANIFEST")),
          Set.of());
    }
  }

  @Test
  void labelAndUuidAsDebugreiserfsPrintsThem() throws IOException {
    String info = Files.readString(Fixtures.ROOT.resolve("reiserfs/reiserfs-INFO.txt"),
        StandardCharsets.UTF_8);
    String v36 = info.substring(info.indexOf("reiserfs-3.6.img"), info.indexOf("reiserfs-3.5.img"));
    String v35 = info.substring(info.indexOf("reiserfs-3.5.img"));
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"))) {
      GuestFs fs = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      assertEquals(Optional.of(field(v36, "UUID: ")), fs.uuid());
      assertEquals(Optional.of(field(v36, "LABEL: ")), fs.label());
      assertEquals("reiserfs", fs.type());
    }
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/reiserfs-3.5-boot.img.xz"))) {
      GuestFs fs = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      // The 3.5 superblock has no UUID or label fields; debugreiserfs prints none.
      assertFalse(v35.contains("UUID:"));
      assertEquals(Optional.empty(), fs.uuid());
      assertEquals(Optional.empty(), fs.label());
    }
  }

  private static String field(String block, String key) {
    int i = block.indexOf(key) + key.length();
    return block.substring(i, block.indexOf('\n', i)).trim();
  }

  @ParameterizedTest
  @CsvSource({"reiserfs-3.6-boot", "reiserfs-3.5-boot"})
  void hiddenPrivateDirectoryIsSkipped(String name) throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/" + name + ".img.xz"))) {
      ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      boolean onDisk = false;
      for (DirEntry e : fs.entries((ReiserNode) fs.root())) {
        onDisk |= e.name().equals(ReiserFs.PRIV_ROOT);
      }
      assertTrue(onDisk, "the root directory item holds .reiserfs_priv");
      List<DirEntry> root = fs.list(fs.root());
      for (DirEntry e : root) {
        assertFalse(e.name().equals(ReiserFs.PRIV_ROOT), "listed " + e.name());
      }
      assertFalse(PathWalker.exists(fs, "/.reiserfs_priv"));
    }
  }

  /** layout() is the shared one: it stops at Limits.extentsPerFile runs, as every driver's does. */
  @Test
  void layoutStopsAtTheRunLimit() throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"))) {
      GuestFs fs = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      Node sparse = PathWalker.resolve(fs, "/boot/grub/sparse.bin");
      int runs = fs.layout(sparse).size();
      assertTrue(runs > 1, "sparse.bin has " + runs + " run(s)");
      Limits.Builder b = Limits.DEFAULT.toBuilder();
      b.extentsPerFile = runs - 1;
      GuestFs small = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.of(b.build())).orElseThrow();
      Node alsoSparse = PathWalker.resolve(small, "/boot/grub/sparse.bin");
      LimitExceededException e =
          assertThrows(LimitExceededException.class, () -> small.layout(alsoSparse));
      assertTrue(e.getMessage().contains("runs: " + runs + " exceeds the limit of " + (runs - 1)),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource({"reiserfs-3.6-boot", "reiserfs-3.5-boot"})
  void sparseFileHasHolesAndTailsAreReadFromLeaves(String name) throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/" + name + ".img.xz"))) {
      GuestFs fs = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      Node sparse = PathWalker.resolve(fs, "/boot/grub/sparse.bin");
      List<Run> runs = fs.layout(sparse);
      assertTrue(runs.stream().anyMatch(Run::isHole), "holes in " + runs);
      long pos = 0;
      for (Run r : runs) {
        assertEquals(pos, r.fileOffset());
        pos += r.length();
      }
      assertEquals(sparse.size(), pos);
      // A 511-byte file is a single tail: its one run lies inside a leaf (formatted) block.
      Node small = PathWalker.resolve(fs, "/boot/edge/size-000511.bin");
      List<Run> tail = fs.layout(small);
      assertEquals(1, tail.size());
      assertTrue(tail.get(0).deviceOffset() % 4096 != 0, "tail body inside a leaf: " + tail);
    }
  }

  @ParameterizedTest
  @CsvSource({"reiserfs-3.6-boot", "reiserfs-3.5-boot"})
  void everyEntryIsKeyedByTheR5HashOfItsName(String name) throws IOException {
    // The entries' key offsets were written by Linux's r5: recomputing the hash of every name
    // must give the offset's bits 7..30, which is what the hashed lookup searches for.
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/" + name + ".img.xz"))) {
      ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      int[] checked = {0};
      checkHashes(fs, (ReiserNode) fs.root(), checked, 0);
      assertTrue(checked[0] > 350, "entries checked: " + checked[0]);
    }
  }

  private static void checkHashes(ReiserFs fs, ReiserNode dir, int[] checked, int depth)
      throws IOException {
    assertTrue(depth < 20);
    for (DirEntry e : fs.entries(dir)) {
      long off = ((ReiserRef) e.ref()).entryOffset();
      assertEquals(ReiserHash.offsetOf(e.name()), off & ReiserHash.HASH_MASK, e.name());
      boolean hidden = depth == 0 && e.name().equals(ReiserFs.PRIV_ROOT);
      assertEquals(hidden ? Optional.empty() : Optional.of(e), fs.lookup(dir, e.name()),
          "hashed lookup of " + e.name());
      checked[0]++;
      Node n = fs.open(e);
      if (n.kind() == Node.Kind.DIRECTORY) {
        checkHashes(fs, (ReiserNode) n, checked, depth + 1);
      }
    }
    assertEquals(Optional.empty(), fs.lookup(dir, "no-such-name-" + depth));
  }

  @ParameterizedTest
  @CsvSource({
    "reiserfs-empty-tea, true, 1, emptytea, 0b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0",
    "reiserfs-empty-35, false, 2, '', ''",
  })
  void emptyVolumesFromMkreiserfs(String name, boolean format36, int hash, String label,
      String uuid) throws IOException {
    // mkreiserfs's empty tree: the root is a leaf (tree height 2), a small journal gives the
    // "ReIsEr3Fs" magic, and the hashes are tea and rupasov (lookup falls back to scanning).
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/" + name + ".img.xz"))) {
      ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      String info = Files.readString(
          Fixtures.ROOT.resolve("reiserfs/reiserfs-empty-INFO.txt"), StandardCharsets.UTF_8);
      String block = info.substring(info.indexOf(name + ".img"));
      assertTrue(block.contains("Tree height: 2"));
      assertEquals(2, fs.superblock().treeHeight());
      assertEquals(ReiserSuperblock.MAGIC_JR, fs.superblock().magic());
      assertTrue(block.contains("non-standard journal"));
      assertEquals(format36, fs.superblock().format36());
      assertEquals(hash, fs.superblock().hashFunction());
      assertEquals(label.isEmpty() ? Optional.empty() : Optional.of(label), fs.label());
      assertEquals(uuid.isEmpty() ? Optional.empty() : Optional.of(uuid), fs.uuid());
      if (!uuid.isEmpty()) {
        assertEquals(uuid, field(block, "UUID: "));
        assertEquals(label, field(block, "LABEL: "));
      }
      assertTrue(fs.replay().empty());
      TreeCheck.compare(fs,
          Manifest.read(Fixtures.ROOT.resolve("reiserfs/" + name + ".manifest")), Set.of());
      assertEquals(Optional.empty(), fs.lookup(fs.root(), "vmlinuz"));
    }
  }

  @Test
  void missingNameIsNotFound() throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"))) {
      GuestFs fs = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      org.junit.jupiter.api.Assertions.assertThrows(NotFoundException.class,
          () -> PathWalker.resolve(fs, "/boot/no-such-file"));
    }
  }

  @Test
  void ufsIsNotReiserfs() throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("ufs/ufs2-le-8k.img.xz"))) {
      assertFalse(new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).isPresent());
    }
  }
}
