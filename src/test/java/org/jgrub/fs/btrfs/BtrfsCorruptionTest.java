package org.jgrub.fs.btrfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.OverlayDevice;
import org.junit.jupiter.api.Test;

/**
 * Real btrfs images with specific bytes damaged in memory. Locations are found in the real image
 * through the driver's own structures (the superblock's sys_chunk_array, the leaf holding a
 * file's extent item); checksums are recomputed where the test means to get past them.
 */
class BtrfsCorruptionTest {
  static final long SB = BtrfsSuperblock.OFFSETS[0];
  static final String SUSE_K = "/@/.snapshots/1/snapshot/boot/vmlinuz-6.1.0-56-amd64";

  private static <T extends JgrubException> T fails(Class<T> type, BlockDevice dev, String path) {
    long t0 = System.nanoTime();
    T e = assertThrows(type, () -> {
      BtrfsFs fs = BtrfsDriverTest.open(dev);
      Node n = PathWalker.resolve(fs, path);
      if (n.kind() == Node.Kind.FILE) {
        BtrfsDriverTest.readAll(fs, n);
      } else {
        fs.list(n);
      }
    });
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "took too long");
    return e;
  }

  /** The superblock with {@code edit} applied and its checksum recomputed. */
  private interface Edit {
    void apply(byte[] sb);
  }

  private static OverlayDevice withSuperblock(RawImage img, int csumType, Edit edit) throws IOException {
    byte[] sb = img.read(SB, BtrfsSuperblock.SIZE);
    edit.apply(sb);
    return new OverlayDevice(img).patch(SB, BtrfsCsum.fixCsum(sb, csumType));
  }

  // First chunk of the sys_chunk_array: key, then the chunk item, then stripe 0.
  static final int SYS_CHUNK = BtrfsSuperblock.OFF_SYS_ARRAY + BtrfsKey.SIZE;
  static final int STRIPE0 = SYS_CHUNK + BtrfsChunk.HEADER;

  @Test
  void damagedPrimarySuperblockFallsBackToTheMirror() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      OverlayDevice dev = new OverlayDevice(img).patch(SB + BtrfsSuperblock.OFF_LABEL, new byte[] {'X'});
      BtrfsFs fs = BtrfsDriverTest.open(dev);
      assertEquals(Optional.of("jgrub-suse"), fs.label());
      assertEquals(Node.Kind.FILE, PathWalker.resolve(fs, SUSE_K).kind());
    }
  }

  @Test
  void everySuperblockCopyDamaged() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      OverlayDevice dev = new OverlayDevice(img)
          .patch(SB + BtrfsSuperblock.OFF_LABEL, new byte[] {'X'})
          .patch(BtrfsSuperblock.OFFSETS[1] + BtrfsSuperblock.OFF_LABEL, new byte[] {'X'});
      var e = assertThrows(CorruptDataException.class, () -> new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }
  }

  @Test
  void chunkMappingOutsideTheDevice() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      OverlayDevice dev = withSuperblock(img, BtrfsChecksum.CRC32C,
          sb -> BtrfsCsum.putLe(sb, STRIPE0 + BtrfsChunk.STRIPE_OFF_OFFSET, 1L << 40, 8));
      var e = assertThrows(CorruptDataException.class, () -> new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("outside the device"), e.getMessage());
    }
  }

  @Test
  void raid56ChunkIsRefused() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("plain")) {
      OverlayDevice dev = withSuperblock(img, BtrfsChecksum.XXHASH64, sb -> sb[SYS_CHUNK
          + BtrfsChunk.OFF_TYPE] |= (byte) BtrfsConst.BG_RAID5);
      var e = assertThrows(UnsupportedFeatureException.class, () -> new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("RAID5/6"), e.getMessage());
    }
  }

  @Test
  void stripeOnAnotherDeviceNamesTheMissingDevice() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("plain")) {
      OverlayDevice dev = withSuperblock(img, BtrfsChecksum.XXHASH64,
          sb -> BtrfsCsum.putLe(sb, STRIPE0, 9, 8));
      var e = assertThrows(UnsupportedFeatureException.class, () -> new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("needs device 9"), e.getMessage());
    }
  }

  @Test
  void unknownIncompatFeatureIsRefused() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      OverlayDevice dev = withSuperblock(img, BtrfsChecksum.CRC32C,
          sb -> sb[BtrfsSuperblock.OFF_INCOMPAT + 1] |= 0x20); // bit 13: extent-tree-v2
      var e = assertThrows(UnsupportedFeatureException.class, () -> new BtrfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("extent-tree-v2"), e.getMessage());
    }
  }

  /** Physical address of the leaf holding {@code ino}'s first extent item, and the item's. */
  private static long[] extentItem(BtrfsInode f) throws IOException {
    BtrfsTree.Cursor c = f.tree.seek(new BtrfsKey(f.ino, BtrfsConst.EXTENT_DATA, 0));
    long leaf = c.path[0].v.diskOffset(0);
    return new long[] {leaf, c.data().diskOffset(0) - leaf};
  }

  @Test
  void treeBlockChecksumMismatch() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      BtrfsInode f = (BtrfsInode) PathWalker.resolve(BtrfsDriverTest.open(img), SUSE_K);
      long[] at = extentItem(f);
      OverlayDevice dev = new OverlayDevice(img).patch(at[0] + at[1] + BtrfsExtent.OFF_RAM_BYTES,
          new byte[] {0x55});
      var e = fails(CorruptDataException.class, dev, SUSE_K);
      assertTrue(e.getMessage().contains("crc32c checksum mismatch at byte 0x"
          + Long.toHexString(at[0])), e.getMessage());
    }
  }

  @Test
  void treeBlockOfAnotherFilesystem() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      BtrfsInode f = (BtrfsInode) PathWalker.resolve(BtrfsDriverTest.open(img), SUSE_K);
      long leaf = extentItem(f)[0];
      byte[] b = img.read(leaf, 16384);
      b[BtrfsNode.OFF_FSID] ^= 1;
      OverlayDevice dev = new OverlayDevice(img).patch(leaf, BtrfsCsum.fixCsum(b, BtrfsChecksum.CRC32C));
      var e = fails(CorruptDataException.class, dev, SUSE_K);
      assertTrue(e.getMessage().contains("another filesystem"), e.getMessage());
    }
  }

  @Test
  void nodePointingToItself() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("fedora")) {
      BtrfsInode links = (BtrfsInode) PathWalker.resolve(BtrfsDriverTest.open(img), "/root/links");
      BtrfsTree t = links.tree;
      assertTrue(t.rootLevel >= 1);
      BtrfsNode root = t.seek(new BtrfsKey(0, 0, 0)).path[t.rootLevel];
      long phys = root.v.diskOffset(0);
      byte[] b = img.read(phys, 16384);
      BtrfsCsum.putLe(b, BtrfsNode.HEADER + BtrfsNode.KEY_PTR_OFF_BLOCKPTR, root.logical, 8);
      OverlayDevice dev = new OverlayDevice(img).patch(phys, BtrfsCsum.fixCsum(b, BtrfsChecksum.SHA256));
      var e = fails(CorruptDataException.class, dev, "/root/boot");
      assertTrue(e.getMessage().contains("level"), e.getMessage());
    }
  }

  /** A compressed extent whose ram_bytes lies, in each compression format. */
  @Test
  void compressedExtentWhoseSizeLies() throws IOException {
    Object[][] cases = {
      {"suse", "/@/.snapshots/1/snapshot/btrfs/compressible.bin", BtrfsChecksum.CRC32C},
      {"fedora", "/root/btrfs/compressible.bin", BtrfsChecksum.SHA256},
      {"plain", "/btrfs/compressible.bin", BtrfsChecksum.XXHASH64}};
    for (Object[] c : cases) {
      try (RawImage img = BtrfsDriverTest.image((String) c[0])) {
        BtrfsFs fs = BtrfsDriverTest.open(img);
        BtrfsInode f = (BtrfsInode) PathWalker.resolve(fs, (String) c[1]);
        long[] at = extentItem(f);
        BtrfsExtent first = BtrfsExtent.parse(
            f.tree.seek(new BtrfsKey(f.ino, BtrfsConst.EXTENT_DATA, 0)).data(), 0);
        assertTrue(first.compression() != 0 && first.numBytes() > 8192, c[0] + ": " + first);
        for (long lie : new long[] {4096, 1L << 40}) {
          byte[] b = img.read(at[0], 16384);
          BtrfsCsum.putLe(b, (int) at[1] + BtrfsExtent.OFF_RAM_BYTES, lie, 8);
          // Keep num_bytes within the lie so only the decompressor can notice the small one.
          BtrfsCsum.putLe(b, (int) at[1] + BtrfsExtent.OFF_NUM_BYTES, Math.min(lie, 4096), 8);
          OverlayDevice dev = new OverlayDevice(img).patch(at[0], BtrfsCsum.fixCsum(b, (Integer) c[2]));
          long heap0 = usedHeap();
          var e = fails(CorruptDataException.class, dev, (String) c[1]);
          assertTrue(e.getMessage().contains("more than") || e.getMessage().contains("limit")
              || e.getMessage().contains("bad compressed data")
              || e.getMessage().contains("declares"), c[0] + ": " + e.getMessage());
          assertTrue(usedHeap() - heap0 < 256L << 20, "memory");
        }
      }
    }
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** An inode claiming a size near 2^63: layout and reads end at once, the tail is a hole. */
  @Test
  void hugeFileSizeEndsInAHole() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("plain")) {
      BtrfsFs clean = BtrfsDriverTest.open(img);
      BtrfsInode f = (BtrfsInode) PathWalker.resolve(clean, "/boot/vmlinuz-6.1.0-56-amd64");
      BtrfsTree.Cursor c = f.tree.seek(new BtrfsKey(f.ino, BtrfsConst.INODE_ITEM, 0));
      long leaf = c.path[0].v.diskOffset(0);
      int item = (int) (c.data().diskOffset(0) - leaf);
      byte[] b = img.read(leaf, 16384);
      long size = Long.MAX_VALUE - 5;
      BtrfsCsum.putLe(b, item + BtrfsInode.OFF_SIZE, size, 8);
      BtrfsFs fs = BtrfsDriverTest.open(
          new OverlayDevice(img).patch(leaf, BtrfsCsum.fixCsum(b, BtrfsChecksum.XXHASH64)));
      Node n = PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      assertEquals(size, n.size());
      var runs = fs.layout(n);
      var last = runs.get(runs.size() - 1);
      assertTrue(last.isHole());
      assertEquals(size, last.fileOffset() + last.length());
      assertEquals(5, fs.read(n, size - 5, ByteBuffer.allocate(16)));
    }
  }

  @Test
  void readsEndAtTheFileSize() throws IOException {
    try (RawImage img = BtrfsDriverTest.image("suse")) {
      BtrfsFs fs = BtrfsDriverTest.open(img);
      Node n = PathWalker.resolve(fs, SUSE_K);
      assertEquals(-1, fs.read(n, n.size(), ByteBuffer.allocate(10)));
      ByteBuffer tail = ByteBuffer.allocate(100);
      assertEquals(23, fs.read(n, n.size() - 23, tail));
    }
  }
}
