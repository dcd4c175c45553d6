package org.jgrub.fs.reiserfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Damages specific bytes of the real ReiserFS 3.6 volume (written by Linux's driver) and expects a
 * clean jgrub exception, quickly. Offsets come from reiserfs-INFO.txt (root block 9046, journal
 * at block 18 of 8192 blocks + header, 4 KiB blocks) and are asserted before they are changed.
 */
class ReiserCorruptionTest {
  static final int BS = 4096;
  static final long SB = 65536;
  static final long ROOT = 9046;
  static final long JOURNAL_HEADER = 18 + 8192;

  static MemoryImage load() throws IOException {
    return MemoryImage.load(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"));
  }

  static void quickly(Class<? extends JgrubException> type, Executable e, String contains) {
    Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(type, e));
    assertTrue(t.getMessage().contains(contains), t.getMessage());
  }

  /** Reads the whole tree the way a boot does. */
  static void walk(MemoryImage dev) throws IOException {
    GuestFs fs = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    PathWalker.resolve(fs, "/boot/vmlinuz");
    fs.read(PathWalker.resolve(fs, "/boot/vmlinuz"), 0, ByteBuffer.allocate(1 << 20));
  }

  static int rootItems(MemoryImage dev) {
    assertEquals(ROOT, dev.get32(SB + ReiserSuperblock.S_ROOT_BLOCK, false));
    assertEquals(2, dev.get32(ROOT * BS, false) & 0xffff, "root is an internal node of level 2");
    return (int) (dev.get32(ROOT * BS, false) >>> 16);
  }

  @Test
  void internalNodePointingToItself() throws IOException {
    MemoryImage dev = load();
    int n = rootItems(dev);
    long child0 = ROOT * BS + ReiserNodeBlock.BLKH_SIZE + 16L * n;
    dev.put32(child0, ROOT, false);
    quickly(CorruptDataException.class, () -> walk(dev), "points to block 9046");
  }

  @Test
  void internalNodePointingToANonLeafBlock() throws IOException {
    // Child 0 made to point at the journal header, whose first 16 bits (the last flushed
    // transaction id, 16) are read as its level: not the leaf level 1 the parent implies.
    MemoryImage dev = load();
    int n = rootItems(dev);
    long child0 = ROOT * BS + ReiserNodeBlock.BLKH_SIZE + 16L * n;
    dev.put32(child0, JOURNAL_HEADER, false);
    quickly(CorruptDataException.class, () -> walk(dev), "expected 1");
  }

  @Test
  void keysOutOfOrderInTheRoot() throws IOException {
    MemoryImage dev = load();
    int n = rootItems(dev);
    assertTrue(n >= 2);
    byte[] b = dev.bytes();
    int k0 = (int) (ROOT * BS + ReiserNodeBlock.BLKH_SIZE);
    byte[] tmp = java.util.Arrays.copyOfRange(b, k0, k0 + 16);
    System.arraycopy(b, k0 + 16, b, k0, 16);
    System.arraycopy(tmp, 0, b, k0 + 16, 16);
    quickly(CorruptDataException.class, () -> walk(dev), "keys out of order");
  }

  @Test
  void childKeysOutsideTheParentsRange() throws IOException {
    // Root key 0 lowered to the root directory's first entry key [1 2 1 DIRENTRY]: child 0,
    // which holds the root's stat data and entries, now holds keys past its right delimiter.
    MemoryImage dev = load();
    rootItems(dev);
    long k0 = ROOT * BS + ReiserNodeBlock.BLKH_SIZE;
    dev.put32(k0, 1, false);
    dev.put32(k0 + 4, 2, false);
    dev.put32(k0 + 8, 1, false);
    dev.put32(k0 + 12, (long) ReiserKey.DIRENTRY << 28, false);
    quickly(CorruptDataException.class, () -> walk(dev), "outside its parent's range");
  }

  @Test
  void keysOutOfOrderInALeaf() throws IOException {
    MemoryImage dev = load();
    ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    ReiserTree.Item rootSd = fs.tree().find(new ReiserKey(1, 2, 0, ReiserKey.SD));
    long leaf = rootSd.leaf().block();
    // Item 1's objectid (byte 4 of its key) set to 0: it now sorts before item 0.
    long ih1 = leaf * BS + ReiserNodeBlock.BLKH_SIZE + ReiserItemHeader.SIZE;
    dev.put32(ih1 + 4, 0, false);
    quickly(CorruptDataException.class, () -> walk(dev), "keys out of order");
  }

  @Test
  void treeHeight100() throws IOException {
    MemoryImage dev = load();
    long at = SB + ReiserSuperblock.S_TREE_HEIGHT;
    assertEquals(3, dev.get32(at, false) & 0xffff);
    dev.bytes()[(int) at] = 100;
    quickly(LimitExceededException.class, () -> new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT), "tree height");
  }

  @Test
  void indirectPointerOutsideTheVolume() throws IOException {
    MemoryImage dev = load();
    ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    ReiserNode k = (ReiserNode) PathWalker.resolve(fs, "/boot/vmlinuz-6.1.0-56-amd64");
    ReiserTree.Item ind = fs.tree().find(new ReiserKey(k.dirId, k.objectId, 1, ReiserKey.INDIRECT));
    long body = ind.bodyOffset(BS);
    dev.put32(body, 0x7fffffff, false);
    GuestFs broken = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(CorruptDataException.class,
        () -> broken.read(PathWalker.resolve(broken, "/boot/vmlinuz-6.1.0-56-amd64"), 0,
            ByteBuffer.allocate(4096)), "outside the 20480 blocks");
  }

  @Test
  void directoryNameLocationOutsideTheItem() throws IOException {
    MemoryImage dev = load();
    ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    ReiserTree.Item dir = fs.tree().find(new ReiserKey(1, 2, 1, ReiserKey.DIRENTRY));
    // Entry 0 ("."): deh_location (bytes 12-13 of its head) set past the item's end.
    long deh0 = dir.bodyOffset(BS);
    dev.bytes()[(int) deh0 + 12] = (byte) 0xff;
    dev.bytes()[(int) deh0 + 13] = (byte) 0x7f;
    GuestFs broken = new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(CorruptDataException.class, () -> broken.list(broken.root()), "name at 32767");
  }

  @Test
  void badBlockSize() throws IOException {
    MemoryImage dev = load();
    long at = SB + ReiserSuperblock.S_BLOCKSIZE;
    dev.bytes()[(int) at] = 0x34;
    dev.bytes()[(int) at + 1] = 0x12;
    quickly(CorruptDataException.class, () -> new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT), "block size 4660");
  }
}
