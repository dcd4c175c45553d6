package org.jgrub.fs.btrfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
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
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.OverlayDevice;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** btrfs on images made by mkfs.btrfs and the Linux kernel (fixtures/make-btrfs.sh). */
class BtrfsDriverTest {
  static RawImage image(String name) throws IOException {
    return RawImage.open(Fixtures.image("btrfs/" + name + ".img.xz"));
  }

  static BtrfsFs open(BlockDevice dev) throws IOException {
    Optional<GuestFs> fs = new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent());
    return (BtrfsFs) fs.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"suse", "fedora", "plain"})
  void readsEveryFileOfEverySubvolumeAsLinuxWroteIt(String name) throws IOException {
    try (RawImage img = image(name)) {
      BtrfsFs fs = open(img);
      assertEquals("btrfs", fs.type());
      assertEquals(Optional.of("jgrub-" + name), fs.label());
      assertEquals(5, fs.rootSubvolumeId());
      Manifest m = Manifest.read(Fixtures.ROOT.resolve("btrfs/" + name + ".manifest"));
      TreeCheck.compare(fs, m, Set.of("root/links"));
    }
  }

  /** raid10 data over two devices: each device alone holds a whole copy and reads in full. */
  @ParameterizedTest
  @ValueSource(strings = {"raid10-dev1", "raid10-dev2"})
  void eachDeviceOfATwoDeviceRaid10(String name) throws IOException {
    try (RawImage img = image(name)) {
      BtrfsFs fs = open(img);
      Manifest m = Manifest.read(Fixtures.ROOT.resolve("btrfs/raid10.manifest"));
      TreeCheck.compare(fs, m, Set.of());
      BtrfsInode k = (BtrfsInode) PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      assertNotNull(fs.layout(k));
    }
  }

  /** raid0 over three devices: one device has the metadata but not every data stripe. */
  @Test
  void raid0DeviceAloneNamesTheMissingDevice() throws IOException {
    try (RawImage img = image("raid0-dev1")) {
      BtrfsFs fs = open(img);
      // All metadata is on this device: every name, kind, size and link target resolves.
      Manifest m = Manifest.read(Fixtures.ROOT.resolve("btrfs/raid0.manifest"));
      for (Manifest.Item i : m.items()) {
        Node n = PathWalker.resolve(fs, "/" + i.path(), false);
        switch (i.type()) {
          case 'd' -> assertEquals(Node.Kind.DIRECTORY, n.kind(), i.path());
          case 'l' -> assertEquals(i.target(), fs.readLink(n), i.path());
          default -> assertEquals(i.size(), n.size(), i.path());
        }
      }
      assertEquals(60, fs.list(PathWalker.resolve(fs, "/boot/many")).size());
      Node k = PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
      var e = org.junit.jupiter.api.Assertions.assertThrows(
          org.jgrub.io.UnsupportedFeatureException.class, () -> readAll(fs, k));
      assertTrue(e.getMessage().matches(".*needs device [23] \\(uuid [0-9a-f]{32}\\).*"),
          e.getMessage());
    }
  }

  @Test
  void blake2bChecksumsAreRefused() throws IOException {
    try (RawImage img = image("blake2")) {
      var e = org.junit.jupiter.api.Assertions.assertThrows(
          org.jgrub.io.UnsupportedFeatureException.class, () -> new BtrfsDriver().probe(img, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("blake2b"), e.getMessage());
    }
  }

  @Test
  void checksumTypesOfTheImages() throws IOException {
    try (RawImage a = image("suse"); RawImage b = image("fedora"); RawImage c = image("plain")) {
      assertEquals("crc32c", open(a).checksum());
      assertEquals("sha256", open(b).checksum());
      assertEquals("xxhash64", open(c).checksum());
    }
  }

  @Test
  void probeOrder() throws IOException {
    try (RawImage img = image("plain")) {
      assertEquals("btrfs", FsProbe.probe(img, org.jgrub.io.Bounds.DEFAULT).orElseThrow().type());
      BlockDevice noMagic = new OverlayDevice(img).patch(BtrfsSuperblock.OFFSETS[0]
          + BtrfsSuperblock.OFF_MAGIC, new byte[8]);
      assertTrue(new BtrfsDriver().probe(noMagic, org.jgrub.io.Bounds.DEFAULT).isEmpty());
    }
  }

  /** openSUSE: the grub.cfg paths from the top level, and the default subvolume's view. */
  @Test
  void openSuseSnapshotLayout() throws IOException {
    try (RawImage img = image("suse")) {
      BtrfsFs top = open(img);
      String cfg = TreeCheck.sha256(top,
          PathWalker.resolve(top, "/@/.snapshots/1/snapshot/boot/grub2/grub.cfg"));
      Node k = PathWalker.resolve(top, "/@/.snapshots/1/snapshot/boot/vmlinuz-6.1.0-56-amd64");
      long defaultId = top.defaultSubvolumeId();
      assertTrue(defaultId >= 256, "default subvolume " + defaultId);
      BtrfsFs def = top.defaultSubvolume();
      assertEquals(defaultId, def.rootSubvolumeId());
      Node k2 = PathWalker.resolve(def, "/boot/vmlinuz");
      assertEquals(TreeCheck.sha256(top, k), TreeCheck.sha256(def, k2));
      assertEquals(cfg, TreeCheck.sha256(def, PathWalker.resolve(def, "/boot/grub2/grub.cfg")));
      // The grub.cfg's own paths resolve from the top level.
      String text = new String(readAll(top,
          PathWalker.resolve(top, "/@/.snapshots/1/snapshot/boot/grub2/grub.cfg")), "UTF-8");
      for (String line : text.split("\n")) {
        String t = line.trim();
        if (t.startsWith("linux") || t.startsWith("initrd")) {
          String path = t.split("\\s+")[1];
          assertEquals(Node.Kind.FILE, PathWalker.resolve(top, path).kind(), path);
        }
      }
      // /@/boot/... style: a regular directory of @ holding a nested subvolume.
      BtrfsInode mod = (BtrfsInode) PathWalker.resolve(top, "/@/boot/grub2/x86_64-efi/normal.mod");
      BtrfsInode at = (BtrfsInode) PathWalker.resolve(top, "/@/boot/grub2");
      assertTrue(mod.treeId != at.treeId && at.treeId != 5, "subvolume boundary not crossed");
      // Snapshot 2 was taken before after-snapshot.txt was written.
      assertTrue(PathWalker.exists(top, "/@/.snapshots/1/snapshot/boot/after-snapshot.txt"));
      assertFalse(PathWalker.exists(top, "/@/.snapshots/2/snapshot/boot/after-snapshot.txt"));
      // An absolute symlink inside the default view stays inside it.
      assertEquals(Node.Kind.FILE, PathWalker.resolve(def, "/boot/initrd.img.old").kind());
    }
  }

  @Test
  void fedoraSubvolumesAndATwoLevelTree() throws IOException {
    try (RawImage img = image("fedora")) {
      BtrfsFs fs = open(img);
      assertEquals(5, fs.defaultSubvolumeId());
      assertEquals(Node.Kind.FILE, PathWalker.resolve(fs, "/root/boot/vmlinuz").kind());
      BtrfsInode links = (BtrfsInode) PathWalker.resolve(fs, "/root/links");
      assertTrue(links.tree.rootLevel >= 1, "fixture FS tree is only one leaf");
      List<DirEntry> all = fs.list(links);
      assertEquals(3000, all.size());
      Set<String> names = new HashSet<>();
      for (DirEntry e : all) {
        names.add(e.name());
      }
      for (int i = 0; i < 3000; i++) {
        assertTrue(names.contains(String.format("hard-link-number-%05d", i)), "" + i);
      }
      Node one = PathWalker.resolve(fs, "/root/links/hard-link-number-02999");
      assertEquals("every name in links/ is this file\n", new String(readAll(fs, one), "UTF-8"));
    }
  }

  /** The fixtures hold what they claim: each compression, inline and preallocated extents. */
  @Test
  void extentKindsArePresent() throws IOException {
    String[][] cases = {{"suse", "/@/.snapshots/1/snapshot", "3"}, {"fedora", "/root", "1"},
        {"plain", "", "2"}};
    for (String[] c : cases) {
      try (RawImage img = image(c[0])) {
        BtrfsFs fs = open(img);
        BtrfsInode comp = (BtrfsInode) PathWalker.resolve(fs, c[1] + "/btrfs/compressible.bin");
        fs.read(comp, 0, ByteBuffer.allocate(1));
        boolean compressed = false;
        for (BtrfsExtent e : comp.extents) {
          compressed |= e.compression() == Integer.parseInt(c[2]);
        }
        assertTrue(compressed, c[0] + ": no extent compressed with type " + c[2]);
        BtrfsInode over = (BtrfsInode) PathWalker.resolve(fs, c[1] + "/btrfs/overwritten.bin");
        fs.read(over, 0, ByteBuffer.allocate(1));
        boolean offsetInto = false;
        for (BtrfsExtent e : over.extents) {
          offsetInto |= e.compression() != 0 && e.offset() > 0;
        }
        assertTrue(offsetInto, c[0] + ": no reference into the middle of a compressed extent");
        BtrfsInode inl = (BtrfsInode) PathWalker.resolve(fs, c[1] + "/btrfs/inline-small.txt");
        fs.read(inl, 0, ByteBuffer.allocate(1));
        assertEquals(BtrfsExtent.TYPE_INLINE, inl.extents.get(0).type());
        BtrfsInode pre = (BtrfsInode) PathWalker.resolve(fs, c[1] + "/btrfs/prealloc.bin");
        fs.read(pre, 0, ByteBuffer.allocate(1));
        boolean prealloc = false;
        for (BtrfsExtent e : pre.extents) {
          prealloc |= e.type() == BtrfsExtent.TYPE_PREALLOC;
        }
        assertTrue(prealloc, c[0] + ": no preallocated extent");
      }
    }
  }

  @Test
  void layoutOfAnUncompressedFileMatchesRead() throws IOException {
    try (RawImage img = image("plain")) {
      BtrfsFs fs = open(img);
      Node f = PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      List<Run> runs = fs.layout(f);
      assertNotNull(runs);
      long total = 0;
      for (Run r : runs) {
        ByteBuffer b = ByteBuffer.allocate((int) r.length());
        fs.read(f, r.fileOffset(), b);
        if (!r.isHole()) {
          assertArrayEquals(img.read(r.deviceOffset(), (int) r.length()), b.array());
        }
        total += r.length();
      }
      assertEquals(f.size(), total);
      assertEquals(null, fs.layout(PathWalker.resolve(fs, "/btrfs/compressible.bin")));
    }
  }

  static byte[] readAll(GuestFs fs, Node n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) n.size());
    while (b.hasRemaining() && fs.read(n, b.position(), b) > 0) {
      // keep reading
    }
    return b.array();
  }
}
