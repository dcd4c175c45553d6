package org.jgrub.fs.xfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.OverlayDevice;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XFS on images made by mkfs.xfs and the Linux kernel (fixtures/make-xfs.sh). */
class XfsDriverTest {
  static RawImage image(String name) throws IOException {
    return RawImage.open(Fixtures.image("xfs/" + name + ".img.xz"));
  }

  static XfsFs open(BlockDevice dev) throws IOException {
    Optional<GuestFs> fs = new XfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent());
    return (XfsFs) fs.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v5", "v4", "v4b512", "k1", "k64"})
  void readsEveryFileAsLinuxWroteIt(String name) throws IOException {
    try (RawImage img = image(name)) {
      XfsFs fs = open(img);
      assertEquals("xfs", fs.type());
      assertEquals(Optional.of("jgrub-" + name), fs.label());
      Manifest m = Manifest.read(Fixtures.ROOT.resolve("xfs/" + name + ".manifest"));
      TreeCheck.compare(fs, m, Set.of("xfs/bigdir"));
    }
  }

  @Test
  void geometryOfEachImage() throws IOException {
    try (RawImage a = image("v5"); RawImage b = image("v4"); RawImage c = image("k1");
        RawImage d = image("k64"); RawImage e = image("v4b512")) {
      XfsSuperblock v5 = open(a).superblock();
      assertTrue(v5.v5() && v5.ftype() && v5.nrext64());
      assertEquals(4, v5.agCount());
      assertEquals(1024, v5.inodeSize());
      XfsSuperblock b512 = open(e).superblock();
      assertEquals(512, b512.blockSize());
      assertEquals(4096, b512.dirBlockSize());
      XfsSuperblock v4 = open(b).superblock();
      assertTrue(!v4.v5() && !v4.ftype());
      assertEquals(256, v4.inodeSize());
      assertEquals(1024, open(c).superblock().blockSize());
      assertEquals(4096, open(c).superblock().dirBlockSize());
      assertEquals(65536, open(d).superblock().blockSize());
      assertEquals(2048, open(d).superblock().inodeSize());
      assertEquals(4096, open(d).superblock().sectorSize());
    }
  }

  @Test
  void uuidMatchesTheSuperblock() throws IOException {
    try (RawImage img = image("v5")) {
      String u = open(img).uuid().orElseThrow();
      assertTrue(u.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), u);
      byte[] raw = img.read(XfsSuperblock.OFF_UUID, 16);
      assertTrue(u.startsWith(String.format("%02x%02x", raw[0], raw[1])));
    }
  }

  @Test
  void probeFindsXfsAndIgnoresOtherVolumes() throws IOException {
    try (RawImage img = image("v4")) {
      assertEquals("xfs", FsProbe.probe(img, org.jgrub.io.Bounds.DEFAULT).orElseThrow().type());
      OverlayDevice noMagic = new OverlayDevice(img).patch(0, new byte[4]);
      assertTrue(new XfsDriver().probe(noMagic, org.jgrub.io.Bounds.DEFAULT).isEmpty());
    }
  }

  /** 20,000 hard links in one directory: node-form index, data fork in B+tree format. */
  @Test
  void bigBtreeDirectory() throws IOException {
    try (RawImage img = image("v5")) {
      XfsFs fs = open(img);
      XfsInode dir = (XfsInode) PathWalker.resolve(fs, "/xfs/bigdir");
      assertEquals(XfsInode.FMT_BTREE, dir.format);
      // Node form: free-index blocks exist (at XFS_DIR2_FREE_OFFSET, 64 GiB) beside the leaves.
      assertTrue(hasBlockAt(fs, dir, 2 * XfsDir.LEAF_OFFSET_BYTES), "no free-index block");
      List<DirEntry> all = fs.list(dir);
      assertEquals(20000, all.size());
      Set<String> names = new HashSet<>();
      long target = ((XfsInode) PathWalker.resolve(fs, "/xfs/bigdir-target")).ino;
      for (DirEntry e : all) {
        names.add(e.name());
        assertEquals(target, ((XfsRef) e.ref()).ino());
      }
      for (int n = 0; n < 20000; n++) {
        assertTrue(names.contains(String.format("name-%06d-padding-for-length", n)), "" + n);
      }
      Node one = PathWalker.resolve(fs, "/xfs/bigdir/name-012345-padding-for-length");
      assertEquals("every name in bigdir links here\n", readAll(fs, one));
    }
  }

  @Test
  void fragmentedFileIsBtreeFormatAndLayoutMatchesRead() throws IOException {
    try (RawImage img = image("v5")) {
      XfsFs fs = open(img);
      XfsInode f = (XfsInode) PathWalker.resolve(fs, "/xfs/fragmented.bin");
      assertEquals(XfsInode.FMT_BTREE, f.format);
      List<Run> runs = fs.layout(f);
      assertTrue(runs.size() > 200, "runs: " + runs.size());
      long holes = 0;
      for (Run r : runs) {
        ByteBuffer viaRead = ByteBuffer.allocate((int) r.length());
        fs.read(f, r.fileOffset(), viaRead);
        if (r.isHole()) {
          holes++;
          assertTrue(isZero(viaRead.array()));
        } else {
          assertEquals(ByteBuffer.wrap(img.read(r.deviceOffset(), (int) r.length())),
              viaRead.flip());
        }
      }
      assertTrue(holes > 100);
      XfsInode u = (XfsInode) PathWalker.resolve(fs, "/xfs/unwritten.bin");
      boolean sawUnwritten = false;
      for (XfsExtent e : XfsBmap.inline(u.dataFork, u.nextents, u.ino, org.jgrub.io.Limits.DEFAULT)) {
        sawUnwritten |= e.unwritten();
      }
      assertTrue(sawUnwritten, "fixture lost its unwritten extents");
    }
  }

  @Test
  void directoryFormsArePresent() throws IOException {
    try (RawImage img = image("v5")) {
      XfsFs fs = open(img);
      assertEquals(XfsInode.FMT_LOCAL, ((XfsInode) PathWalker.resolve(fs, "/boot/grub")).format);
      XfsInode leafdir = (XfsInode) PathWalker.resolve(fs, "/xfs/leafdir");
      assertEquals(XfsInode.FMT_EXTENTS, leafdir.format);
      // Leaf form: one leaf block at XFS_DIR2_LEAF_OFFSET, no free-index blocks.
      assertTrue(hasBlockAt(fs, leafdir, XfsDir.LEAF_OFFSET_BYTES));
      assertTrue(!hasBlockAt(fs, leafdir, 2 * XfsDir.LEAF_OFFSET_BYTES));
      // Block form: a single directory block holding entries and leaf.
      XfsInode many = (XfsInode) PathWalker.resolve(fs, "/boot/many");
      assertEquals(1, XfsBmap.inline(many.dataFork, many.nextents, many.ino, org.jgrub.io.Limits.DEFAULT).size());
      assertTrue(!hasBlockAt(fs, many, XfsDir.LEAF_OFFSET_BYTES));
      XfsInode remote = (XfsInode) PathWalker.resolve(fs, "/xfs/remote-link", false);
      assertEquals(XfsInode.FMT_EXTENTS, remote.format);
      XfsInode local = (XfsInode) PathWalker.resolve(fs, "/boot/vmlinuz", false);
      assertEquals(XfsInode.FMT_LOCAL, local.format);
    }
  }

  // ---- corrupted variants: real images, specific bytes damaged -----------------------------

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  private static byte[] u64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }

  /** Recomputes a v5 CRC so that only the intended damage is seen. */
  private static byte[] withCrc(byte[] block, int crcOff) {
    for (int i = 0; i < 4; i++) {
      block[crcOff + i] = 0;
    }
    CRC32C c = new CRC32C();
    c.update(block);
    long v = c.getValue();
    for (int i = 0; i < 4; i++) {
      block[crcOff + i] = (byte) (v >>> (8 * i));
    }
    return block;
  }

  private static long inodeAt(XfsFs fs, String path) throws IOException {
    XfsInode n = (XfsInode) PathWalker.resolve(fs, path, false);
    return fs.superblock().inodeToByte(n.ino);
  }

  private static <T extends JgrubException> T fails(Class<T> type, BlockDevice dev, String path) {
    long t0 = System.nanoTime();
    T e = assertThrows(type, () -> {
      XfsFs fs = open(dev);
      Node n = PathWalker.resolve(fs, path);
      if (n.kind() == Node.Kind.FILE) {
        readAll(fs, n);
      } else {
        fs.list(n);
      }
    });
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "took too long");
    assertNotNull(e.getMessage());
    return e;
  }

  @Test
  void badRootInodeMagicBehindAValidSuperblock() throws IOException {
    try (RawImage img = image("v5")) {
      long at = open(img).superblock().inodeToByte(open(img).superblock().rootIno());
      var e = fails(CorruptDataException.class, new OverlayDevice(img).patch(at, u16(0)), "/boot");
      assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }
  }

  @Test
  void inodeCrcMismatch() throws IOException {
    try (RawImage img = image("v5")) {
      long at = inodeAt(open(img), "/boot/vmlinuz-6.1.0-56-amd64");
      OverlayDevice dev = new OverlayDevice(img).patch(at + XfsInode.OFF_SIZE + 7, new byte[] {1});
      var e = fails(CorruptDataException.class, dev, "/boot/vmlinuz-6.1.0-56-amd64");
      assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
      assertTrue(e.getMessage().contains(Long.toHexString(at)), e.getMessage());
    }
  }

  @Test
  void directoryBlockCrcMismatch() throws IOException {
    try (RawImage img = image("v5")) {
      XfsFs fs = open(img);
      XfsInode dir = (XfsInode) PathWalker.resolve(fs, "/boot/many");
      XfsExtent e = XfsBmap.inline(dir.dataFork, dir.nextents, dir.ino, org.jgrub.io.Limits.DEFAULT).get(0);
      long at = fs.superblock().fsbToByte(e.fsBlock(), "test");
      OverlayDevice dev = new OverlayDevice(img).patch(at + XfsDir.HDR_V3 + 20, new byte[] {'#'});
      var ex = fails(CorruptDataException.class, dev, "/boot/many");
      assertTrue(ex.getMessage().contains("CRC mismatch"), ex.getMessage());
    }
  }

  @Test
  void directoryBlockBadMagicOnV4() throws IOException {
    try (RawImage img = image("v4")) {
      XfsFs fs = open(img);
      XfsInode dir = (XfsInode) PathWalker.resolve(fs, "/boot/many");
      XfsExtent e = XfsBmap.inline(dir.dataFork, dir.nextents, dir.ino, org.jgrub.io.Limits.DEFAULT).get(0);
      long at = fs.superblock().fsbToByte(e.fsBlock(), "test");
      var ex = fails(CorruptDataException.class, new OverlayDevice(img).patch(at, new byte[4]),
          "/boot/many");
      assertTrue(ex.getMessage().contains("bad magic"), ex.getMessage());
    }
  }

  @Test
  void blockMapNodePointingToItself() throws IOException {
    try (RawImage img = image("v5")) {
      XfsFs fs = open(img);
      XfsInode f = (XfsInode) PathWalker.resolve(fs, "/xfs/fragmented.bin");
      XfsSuperblock sb = fs.superblock();
      int maxrecs = (f.dataFork.length() - XfsBmap.BMDR_HDR) / 16;
      long leaf = f.dataFork.u64be(XfsBmap.BMDR_HDR + maxrecs * 8);
      long leafAt = sb.fsbToByte(leaf, "test");
      // The leaf becomes a level-1 node whose only pointer is itself ...
      byte[] node = img.read(leafAt, sb.blockSize());
      System.arraycopy(u16(1), 0, node, XfsBmap.LHDR_OFF_LEVEL, 2);
      System.arraycopy(u16(1), 0, node, XfsBmap.LHDR_OFF_NUMRECS, 2);
      int nodeMax = (sb.blockSize() - XfsBmap.LHDR_V5) / 16;
      System.arraycopy(u64(0), 0, node, XfsBmap.LHDR_V5, 8);
      System.arraycopy(u64(leaf), 0, node, XfsBmap.LHDR_V5 + nodeMax * 8, 8);
      withCrc(node, XfsBmap.LHDR_OFF_CRC);
      // ... and the inode's root says the tree is two levels deep.
      long inoAt = sb.inodeToByte(f.ino);
      byte[] inode = img.read(inoAt, sb.inodeSize());
      System.arraycopy(u16(2), 0, inode, XfsInode.CORE_V3, 2);
      withCrc(inode, XfsInode.OFF_CRC);
      OverlayDevice dev = new OverlayDevice(img).patch(leafAt, node).patch(inoAt, inode);
      var ex = fails(CorruptDataException.class, dev, "/xfs/fragmented.bin");
      assertTrue(ex.getMessage().contains("reached twice"), ex.getMessage());
    }
  }

  @Test
  void extentOutsideTheDevice() throws IOException {
    try (RawImage img = image("k1")) {
      XfsFs fs = open(img);
      XfsSuperblock sb = fs.superblock();
      long inoAt = inodeAt(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      byte[] inode = img.read(inoAt, sb.inodeSize());
      // Startblock bits of the first extent record: all ones (agno far beyond agcount).
      int rec = XfsInode.CORE_V3;
      inode[rec + 7] |= (byte) 0x1f;
      inode[rec + 8] = (byte) 0xff;
      withCrc(inode, XfsInode.OFF_CRC);
      var ex = fails(CorruptDataException.class, new OverlayDevice(img).patch(inoAt, inode),
          "/boot/vmlinuz-6.1.0-56-amd64");
      assertTrue(ex.getMessage().contains("outside"), ex.getMessage());
    }
  }

  @Test
  void realtimeFileIsRefused() throws IOException {
    try (RawImage img = image("v5")) {
      XfsFs fs = open(img);
      long inoAt = inodeAt(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      byte[] inode = img.read(inoAt, fs.superblock().inodeSize());
      inode[XfsInode.OFF_FLAGS + 1] |= XfsInode.DIFLAG_REALTIME;
      withCrc(inode, XfsInode.OFF_CRC);
      var ex = fails(UnsupportedFeatureException.class,
          new OverlayDevice(img).patch(inoAt, inode), "/boot/vmlinuz-6.1.0-56-amd64");
      assertTrue(ex.getMessage().contains("realtime"), ex.getMessage());
    }
  }

  @Test
  void unknownIncompatFeatureIsRefused() throws IOException {
    try (RawImage img = image("v5")) {
      byte[] sb = img.read(0, 512);
      sb[XfsSuperblock.OFF_INCOMPAT + 2] |= 0x01; // bit 8: metadir
      withCrc(sb, XfsSuperblock.OFF_CRC);
      var ex = assertThrows(UnsupportedFeatureException.class,
          () -> new XfsDriver().probe(new OverlayDevice(img).patch(0, sb), org.jgrub.io.Bounds.DEFAULT));
      assertTrue(ex.getMessage().contains("metadir"), ex.getMessage());
    }
  }

  @Test
  void superblockCrcMismatch() throws IOException {
    try (RawImage img = image("v5")) {
      OverlayDevice dev = new OverlayDevice(img).patch(XfsSuperblock.OFF_FNAME, new byte[] {'X'});
      var ex = assertThrows(CorruptDataException.class, () -> new XfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(ex.getMessage().contains("CRC mismatch"), ex.getMessage());
    }
  }

  @Test
  void hugeExtentCountInAnInodeIsBounded() throws IOException {
    try (RawImage img = image("v4")) {
      XfsFs fs = open(img);
      long inoAt = inodeAt(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      byte[] count = {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
      OverlayDevice dev = new OverlayDevice(img).patch(inoAt + XfsInode.OFF_NEXTENTS, count);
      fails(CorruptDataException.class, dev, "/boot/vmlinuz-6.1.0-56-amd64");
    }
  }

  /** Whether the directory maps any block at or above byte {@code offset} of its space. */
  private static boolean hasBlockAt(XfsFs fs, XfsInode dir, long offset) throws IOException {
    List<XfsExtent> ext = dir.format == XfsInode.FMT_BTREE
        ? XfsBmap.btree(img(fs), fs.superblock(), dir.dataFork, dir.ino, org.jgrub.io.Limits.DEFAULT)
        : XfsBmap.inline(dir.dataFork, dir.nextents, dir.ino, org.jgrub.io.Limits.DEFAULT);
    long block = offset >>> fs.superblock().blockLog();
    long upTo = block + (XfsDir.LEAF_OFFSET_BYTES >>> fs.superblock().blockLog());
    for (XfsExtent e : ext) {
      if (e.endBlock() > block && e.fileBlock() < upTo) {
        return true;
      }
    }
    return false;
  }

  private static BlockDevice img(XfsFs fs) {
    return fs.device();
  }

  /** A size near 2^63 with few extents: layout and reads end at once, the tail is a hole. */
  @Test
  void hugeFileSizeEndsInAHole() throws IOException {
    try (RawImage img = image("v4")) {
      XfsFs clean = open(img);
      long inoAt = inodeAt(clean, "/boot/vmlinuz-6.1.0-56-amd64");
      long size = Long.MAX_VALUE - 5;
      XfsFs fs = open(new OverlayDevice(img).patch(inoAt + XfsInode.OFF_SIZE, u64(size)));
      Node n = PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64");
      assertEquals(size, n.size());
      List<Run> runs = fs.layout(n);
      Run last = runs.get(runs.size() - 1);
      assertTrue(last.isHole());
      assertEquals(size, last.fileOffset() + last.length());
      ByteBuffer tail = ByteBuffer.allocate(16);
      assertEquals(5, fs.read(n, size - 5, tail));
    }
  }

  static String readAll(GuestFs fs, Node n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) n.size());
    while (b.hasRemaining() && fs.read(n, b.position(), b) > 0) {
      // keep reading
    }
    return new String(b.array(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
