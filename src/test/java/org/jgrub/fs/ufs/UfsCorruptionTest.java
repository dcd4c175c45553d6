package org.jgrub.fs.ufs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Damages specific bytes of the real makefs/newfs images and expects a clean jgrub exception,
 * quickly. Offsets are those of the committed images (asserted where found through the driver).
 */
class UfsCorruptionTest {
  /** ufs1-le-4k-boot: superblock at 8 KiB; cylinder group 0 header at fragment 48 (x 512 B). */
  static final long UFS1_SB = 8192;

  static final long UFS1_CG0 = 48 * 512;
  /** ufs-little (UFS2): superblock at 64 KiB; cylinder group 0 header at fragment 32 (x 4 KiB). */
  static final long UFS2_SB = 65536;

  static final long UFS2_CG0 = 32 * 4096;
  /** Byte offset of di_ib[0] in a UFS1 inode. */
  static final int UFS1_DI_IB = 88;

  static MemoryImage load(String rel) throws IOException {
    return MemoryImage.load(Fixtures.image(rel));
  }

  static void quickly(Class<? extends JgrubException> type, Executable e, String contains) {
    Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(type, e));
    assertTrue(t.getMessage().contains(contains), t.getMessage());
  }

  @Test
  void indirectBlockOutsideTheFilesystem() throws IOException {
    MemoryImage dev = load("ufs/ufs1-le-4k-boot.img.xz");
    UfsFs fs = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    UfsInode initrd = (UfsInode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    // Inode 13 of cylinder group 0: fragment 56 (fs_iblkno) + 13 x 128 bytes.
    assertEquals(13, initrd.ino());
    assertEquals(56 * 512 + 13 * 128, initrd.diskOffset());
    assertEquals(initrd.indirect()[0], dev.get32(initrd.diskOffset() + UFS1_DI_IB, false));
    dev.put32(initrd.diskOffset() + UFS1_DI_IB, 0x7fff0000L, false);
    UfsFs broken = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    Node n = PathWalker.resolve(broken, "/boot/initrd.img-6.1.0-56-amd64");
    quickly(CorruptDataException.class,
        () -> broken.read(n, 12 * 4096, ByteBuffer.allocate(4096)), "outside the filesystem");
  }

  @Test
  void badCylinderGroupMagic() throws IOException {
    MemoryImage dev = load("ufs/ufs1-le-4k-boot.img.xz");
    assertEquals(UfsCylinderGroup.CG_MAGIC, dev.get32(UFS1_CG0 + 4, false));
    dev.put32(UFS1_CG0 + 4, 0x12345678, false);
    GuestFs fs = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(CorruptDataException.class, fs::root, "bad magic 0x12345678");
  }

  @Test
  void uninitialisedUfs2InodeIsNotRead() throws IOException {
    MemoryImage dev = load("ufs/fuse-ufs/ufs-little.img.xz");
    // cg_initediblk (byte 120 of struct cg) = 1: the root inode 2 has never been written.
    assertEquals(256, dev.get32(UFS2_CG0 + 120, false));
    dev.put32(UFS2_CG0 + 120, 1, false);
    GuestFs fs = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(CorruptDataException.class, fs::root, "initialised inodes");
  }

  @Test
  void badBlockSizeInTheSuperblock() throws IOException {
    MemoryImage dev = load("ufs/fuse-ufs/ufs-big.img.xz");
    assertEquals(32768, dev.get32(UFS2_SB + UfsSuperblock.FS_BSIZE, true));
    dev.put32(UFS2_SB + UfsSuperblock.FS_BSIZE, 12345, true);
    quickly(CorruptDataException.class, () -> new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT), "block size 12345");
  }

  @Test
  void superblockMarkedBadByInterruptedGrowfs() throws IOException {
    MemoryImage dev = load("ufs/ufs1-le-4k-boot.img.xz");
    dev.put32(UFS1_SB + UfsSuperblock.FS_MAGIC, 0x19960408, false);
    quickly(UnsupportedFeatureException.class, () -> new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT), "growfs");
  }

  @Test
  void directoryRecordLengthZero() throws IOException {
    MemoryImage dev = load("ufs/ufs2-le-8k.img.xz");
    UfsFs fs = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    long rootData = fs.layout(fs.root()).get(0).deviceOffset();
    // The first entry is "." (d_ino 2, d_reclen 12); zero its d_reclen.
    assertEquals(2, dev.get32(rootData, false));
    dev.bytes()[(int) rootData + 4] = 0;
    dev.bytes()[(int) rootData + 5] = 0;
    GuestFs broken = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(CorruptDataException.class, () -> broken.list(broken.root()), "record length 0");
  }

  @Test
  void directoryEntryNamesAnInodeOutsideTheFilesystem() throws IOException {
    MemoryImage dev = load("ufs/ufs1-be-4k.img.xz");
    UfsFs fs = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    long rootData = fs.layout(fs.root()).get(0).deviceOffset();
    // Third entry of the root: "." (12 bytes), ".." (12 bytes), then "boot".
    assertEquals('b', dev.bytes()[(int) rootData + 24 + 8]);
    dev.put32(rootData + 24, 0xfffffff0L, true);
    GuestFs broken = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(CorruptDataException.class, () -> PathWalker.resolve(broken, "/boot/grub"),
        "inode number 4294967280");
  }

  @Test
  void directoryOfATerabyteIsRefusedBeforeReading() throws IOException {
    MemoryImage dev = load("ufs/ufs1-le-4k-boot.img.xz");
    // The root inode (2) at fragment 56 + 2 x 128 bytes; di_size at byte 8 of the inode.
    long size = 56 * 512 + 2 * 128 + 8;
    assertEquals(512, dev.get32(size, false), "the root directory is one DIRBLKSIZ chunk");
    dev.put32(size + 4, 0x100, false);
    GuestFs fs = new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    quickly(org.jgrub.io.LimitExceededException.class, () -> fs.list(fs.root()), "size");
  }

  @Test
  void oversizedMaxSymlinkLen() throws IOException {
    // NetBSD makefs writes the UFS2 superblock at 8 KiB (fs_sblockloc 8192), not 64 KiB.
    MemoryImage dev = load("ufs/ufs2-be-4k.img.xz");
    assertEquals(8192, ((UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow()).superblock().location());
    assertEquals(120, dev.get32(8192 + UfsSuperblock.FS_MAXSYMLINKLEN, true));
    dev.put32(8192 + UfsSuperblock.FS_MAXSYMLINKLEN, 4000, true);
    quickly(CorruptDataException.class, () -> new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT), "fs_maxsymlinklen");
  }

  @Test
  void doubleIndirectBlockPointingToItselfEndsQuickly() throws IOException {
    // The tree has a fixed depth of three levels, so a self-reference cannot loop: the block is
    // read again as the next level and its pointers are used as data blocks. The read ends
    // (with wrong bytes or an error) without hanging.
    MemoryImage dev = load("ufs/ufs1-le-4k-boot.img.xz");
    UfsFs fs = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    UfsInode initrd = (UfsInode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    long dind = initrd.indirect()[1];
    assertTrue(dind != 0, "the 9.4 MB initrd has a double-indirect block");
    dev.put32(dind * 512, dind, false);
    UfsFs broken = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    Node n = PathWalker.resolve(broken, "/boot/initrd.img-6.1.0-56-amd64");
    long first = (12 + 1024) * 4096L;
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        broken.read(n, first, ByteBuffer.allocate(1 << 20));
      } catch (CorruptDataException expected) {
        // a pointer outside the filesystem is also a clean end
      }
    });
  }
}
