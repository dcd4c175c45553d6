package org.jgrub.fs.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.OverlayDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Damage to the real rpool image, each ending in a clean jgrub exception within a few seconds.
 * Where a structure is protected by a checksum in its parent, the damage is applied to bytes
 * read from the real image after verification (the dnode, the ZAP leaf, the compressed block)
 * so that the structure's own parser, not only the checksum, is what is tested.
 */
class ZfsCorruptionTest {
  private static final Duration QUICK = Duration.ofSeconds(10);
  private static RawImage dev;

  @BeforeAll
  static void open() throws IOException {
    dev = RawImage.open(Fixtures.image("zfs/zfs-rpool.img.xz"));
  }

  @AfterAll
  static void close() throws IOException {
    dev.close();
  }

  private static <T extends Throwable> T quickly(Class<T> type, Executable e) {
    return assertTimeoutPreemptively(QUICK, () -> assertThrows(type, e));
  }

  /** Every uberblock slot of all four labels (label + 128 KiB, 128 KiB long) overwritten. */
  @Test
  void uberblockRingOfGarbage() {
    OverlayDevice p = new OverlayDevice(dev);
    for (int l = 0; l < 4; l++) {
      p.garbage(VdevLabel.labelOffset(dev.size(), l) + (128 << 10), 128 << 10);
    }
    CorruptDataException e = quickly(CorruptDataException.class, () -> ZfsPool.open(List.of(p), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("no uberblock"), e.getMessage());
  }

  /** The four label nvlists (label + 16 KiB, 112 KiB long) overwritten: the magic stays gone. */
  @Test
  void labelNvlistsOfGarbage() throws IOException {
    OverlayDevice p = new OverlayDevice(dev);
    for (int l = 0; l < 4; l++) {
      p.garbage(VdevLabel.labelOffset(dev.size(), l) + (16 << 10), 112 << 10);
    }
    assertEquals(Optional.empty(), new ZfsDriver().probe(p, org.jgrub.io.Bounds.DEFAULT));
  }

  /** A metadata budget smaller than the pool's MOS is exceeded cleanly while opening. */
  @Test
  void metadataBudget() {
    org.jgrub.io.Limits.Builder b = org.jgrub.io.Limits.DEFAULT.toBuilder();
    b.metadataBytes = 64 << 10;
    org.jgrub.io.Bounds small = org.jgrub.io.Bounds.of(b.build());
    LimitExceededException e =
        quickly(LimitExceededException.class, () -> ZfsPool.open(List.of(dev), small).open());
    assertTrue(e.getMessage().contains("metadata"), e.getMessage());
  }

  /** Devices without any label magic are "not mine": zeros, and one too small for four labels. */
  @Test
  void notZfs() throws IOException {
    assertEquals(Optional.empty(), new ZfsDriver().probe(new Zeros(8L << 20), org.jgrub.io.Bounds.DEFAULT));
    assertEquals(Optional.empty(), new ZfsDriver().probe(new Zeros(512L << 10), org.jgrub.io.Bounds.DEFAULT));
  }

  /** A device that reads as zeros. */
  private record Zeros(long size) implements BlockDevice {
    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
      checkRange(offset, dst.remaining(), "read");
      while (dst.hasRemaining()) {
        dst.put((byte) 0);
      }
    }

    @Override
    public String describe() {
      return "zeros";
    }
  }

  /** Only the nvlists' payload damaged, their checksum tails intact: a ZFS volume, but broken. */
  @Test
  void labelChecksumsFail() {
    OverlayDevice p = new OverlayDevice(dev);
    for (int l = 0; l < 4; l++) {
      p.garbage(VdevLabel.labelOffset(dev.size(), l) + (16 << 10), 1024);
    }
    CorruptDataException e = quickly(CorruptDataException.class, () -> FsProbe.probe(p, org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("no usable vdev label"), e.getMessage());
  }

  /** Every copy of the MOS object-set block (the newest uberblock's root DVAs) damaged. */
  @Test
  void mosBlockChecksumMismatch() throws IOException {
    Uberblock ub = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).uberblock();
    OverlayDevice p = new OverlayDevice(dev);
    for (Dva d : ub.rootBp().dvas()) {
      if (!d.isEmpty()) {
        p.garbage(LeafVdev.LABEL_START_SIZE + d.offset() + 64, 16);
      }
    }
    CorruptDataException e = quickly(CorruptDataException.class, () -> ZfsPool.open(List.of(p), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  /** The initrd's dnode (nlevels byte at dnode offset 2) claiming 100 levels of indirection. */
  @Test
  void indirectDepth100() throws IOException {
    ZfsFs fs = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
    ZfsNode n = (ZfsNode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    Dnode d = patchDnode(fs, n.obj, 2, (byte) 100);
    quickly(LimitExceededException.class,
        () -> fs.pool().readObjectBlock(d, 0, "patched dnode"));
  }

  /**
   * The initrd's dnode claiming one more level than its tree has: the top indirect block would be
   * read as its own parent. The level recorded in every block pointer stops the walk.
   */
  @Test
  void blockPointerLevelLoop() throws IOException {
    ZfsFs fs = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
    ZfsNode n = (ZfsNode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    assertTrue(n.dnode.nlevels() >= 2, "the initrd has indirect blocks");
    Dnode d = patchDnode(fs, n.obj, 2, (byte) (n.dnode.nlevels() + 1));
    CorruptDataException e = quickly(CorruptDataException.class,
        () -> fs.pool().readObjectBlock(d, 0, "patched dnode"));
    assertTrue(e.getMessage().contains("claims level"), e.getMessage());
  }

  /** A leaf of the fat ZAP of boot/grub/i386-pc whose first entry's name length (+6) lies. */
  @Test
  void zapChunkCountLies() throws IOException {
    ZfsFs fs = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
    ZfsNode dir = (ZfsNode) PathWalker.resolve(fs, "/boot/grub/i386-pc");
    ZfsPool.Block leaf = fs.pool().readObjectBlock(dir.dnode, 1, "i386-pc leaf");
    byte[] b = leaf.data().clone();
    int entry = firstEntryChunk(b, leaf.bigEndian());
    b[entry + 6] = (byte) 0xff; // le_name_numints
    b[entry + 7] = (byte) 0xff;
    CorruptDataException e = quickly(CorruptDataException.class, () -> Zap.readLeaf(
        ByteView.of(b, "patched leaf"), leaf.bigEndian(), new java.util.HashMap<>(), 1000));
    // The first entry chunk is chunk 0 of the leaf; its name length (le_name_numints) is named.
    assertEquals("patched leaf: ZAP entry chunk 0 claims 65535 bytes", e.getMessage());
  }

  /** The same leaf with an array chunk's next pointer (+22) pointing back to itself. */
  @Test
  void zapChunkChainLoops() throws IOException {
    ZfsFs fs = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
    ZfsNode dir = (ZfsNode) PathWalker.resolve(fs, "/boot/grub/i386-pc");
    ZfsPool.Block leaf = fs.pool().readObjectBlock(dir.dnode, 1, "i386-pc leaf");
    byte[] b = leaf.data().clone();
    boolean be = leaf.bigEndian();
    int entry = firstEntryChunk(b, be);
    int chunksAt = 48 + 2 * (b.length / 32);
    int nameChunk = u16(b, entry + 4, be);
    int arrayAt = chunksAt + 24 * nameChunk;
    put16(b, arrayAt + 22, nameChunk, be);
    put16(b, entry + 6, 2000, be); // name long enough to follow the loop
    CorruptDataException e = quickly(CorruptDataException.class, () -> Zap.readLeaf(
        ByteView.of(b, "patched leaf"), be, new java.util.HashMap<>(), 1000));
    assertTrue(e.getMessage().contains("chain"), e.getMessage());
  }

  /**
   * The initrd's top indirect block (metadata, lz4) read raw from the image, its 4-byte big-endian
   * length prefix made too large, then too small.
   */
  @Test
  void lz4LengthLies() throws IOException {
    ZfsFs fs = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
    ZfsNode n = (ZfsNode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    BlockPtr bp = n.dnode.blkptrs()[0];
    assertEquals(Compression.LZ4, bp.compression());
    byte[] raw = dev.read(LeafVdev.LABEL_START_SIZE + bp.dvas()[0].offset(), bp.psize());
    byte[] tooLong = raw.clone();
    tooLong[0] = 0x7f;
    CorruptDataException e = quickly(CorruptDataException.class, () -> Compression.decompress(
        new org.jgrub.compress.Codecs(), bp.compression(), tooLong, bp.psize(), bp.lsize(), "patched block", org.jgrub.io.Budget.UNLIMITED));
    assertTrue(e.getMessage().contains("length prefix"), e.getMessage());
    byte[] tooShort = raw.clone();
    tooShort[0] = 0;
    tooShort[1] = 0;
    tooShort[2] = 0;
    tooShort[3] = 9;
    quickly(CorruptDataException.class, () -> Compression.decompress(
        new org.jgrub.compress.Codecs(), bp.compression(), tooShort, bp.psize(), bp.lsize(), "patched block", org.jgrub.io.Budget.UNLIMITED));
  }

  private static Dnode patchDnode(ZfsFs fs, long obj, int field, byte value) throws IOException {
    ObjectSet os = fs.objectSet();
    int blk = os.meta.dataBlkSize();
    long off = obj * Dnode.SLOT;
    ZfsPool.Block b = fs.pool().readObjectBlock(os.meta, off / blk, "dnode block");
    byte[] copy = b.data().clone();
    int at = (int) (off % blk);
    copy[at + field] = value;
    return Dnode.parse(ByteView.of(copy, "patched dnode"), at, b.bigEndian(), obj);
  }

  private static int firstEntryChunk(byte[] b, boolean be) {
    int chunksAt = 48 + 2 * (b.length / 32);
    for (int at = chunksAt; at + 24 <= b.length; at += 24) {
      if ((b[at] & 0xff) == 252) {
        return at;
      }
    }
    throw new AssertionError("no entry chunk in the leaf");
  }

  private static int u16(byte[] b, int at, boolean be) {
    return be ? (b[at] & 0xff) << 8 | (b[at + 1] & 0xff) : (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
  }

  private static void put16(byte[] b, int at, int v, boolean be) {
    b[at + (be ? 0 : 1)] = (byte) (v >>> 8);
    b[at + (be ? 1 : 0)] = (byte) v;
  }
}
