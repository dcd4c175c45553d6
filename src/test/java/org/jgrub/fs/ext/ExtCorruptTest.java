package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Damaged copies of real images. Offsets are read from the image: superblock fields at their
 * fixed places, inodes where the undamaged image's descriptors put them (found through the
 * driver, whose reading of these images the fixture tests check byte for byte).
 */
class ExtCorruptTest {
  private static final Duration FAST = Duration.ofSeconds(1);

  private static GuestFs probe(byte[] img) throws IOException {
    return FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT).orElseThrow();
  }

  /** The byte offset of {@code path}'s inode in the undamaged image. */
  private static long inodeAt(byte[] img, String path) throws IOException {
    ExtNode n = (ExtNode) PathWalker.resolve(probe(img), path, false);
    return n.inode.raw().diskOffset(0);
  }

  private static <T extends Throwable> T fails(Class<T> type, Executable e) {
    return assertTimeoutPreemptively(FAST, () -> assertThrows(type, e));
  }

  private static void readAll(GuestFs fs, String path) throws IOException {
    TreeCheck.sha256(fs, PathWalker.resolve(fs, path));
  }

  @Test
  void zeroedMagicIsNotMine() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    img[ExtDamage.SB + Superblock.S_MAGIC] = 0;
    img[ExtDamage.SB + Superblock.S_MAGIC + 1] = 0;
    assertEquals(Optional.empty(), new ExtDriver().probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    assertEquals(Optional.empty(), FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
  }

  @Test
  void superblockChecksumMismatch() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    img[ExtDamage.SB + Superblock.S_VOLUME_NAME] ^= 1; // metadata_csum is on in this image
    CorruptDataException e = fails(CorruptDataException.class,
        () -> FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void garbageInodeTable() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    // Group 0's descriptor is in block 1 (4 KiB blocks); its inode table holds the root inode.
    long table = ExtDamage.u32(img, 4096 + GroupTable.BG_INODE_TABLE_LO);
    Arrays.fill(img, (int) (table * 4096), (int) (table * 4096 + 4096), (byte) 0xa5);
    CorruptDataException e = fails(CorruptDataException.class,
        () -> FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    // Inode 2 is the second 256-byte inode of the table.
    assertEquals("ext4: inode 2: the root inode is not a directory (mode 0122645) at byte 0x"
        + Long.toHexString(table * 4096 + 256), e.getMessage());
  }

  @Test
  void inodeTableOutsideTheDisk() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    ExtDamage.put32(img, 4096 + GroupTable.BG_INODE_TABLE_LO, 0xfffffff0L);
    CorruptDataException e = fails(CorruptDataException.class,
        () -> FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("inode table"), e.getMessage());
  }

  @Test
  void zeroedExtentMagicNamesInodeAndByte() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    long at = inodeAt(img, "/boot") + Inode.I_BLOCK;
    long ino = ((ExtNode) PathWalker.resolve(probe(img), "/boot")).ino();
    ExtDamage.put16(img, at, 0);
    GuestFs fs = probe(img);
    CorruptDataException e = fails(CorruptDataException.class,
        () -> PathWalker.resolve(fs, "/boot/vmlinuz"));
    assertEquals("ext4: inode " + ino + ": extent header magic 0x0000 at byte 0x"
        + Long.toHexString(at) + ", expected 0xf30a", e.getMessage());
  }

  @Test
  void extentPointsOutsideTheDisk() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    long first = inodeAt(img, "/boot/vmlinuz-6.1.0-56-amd64") + Inode.I_BLOCK
        + ExtentMap.HEADER;
    ExtDamage.put32(img, first + ExtentMap.EE_START_LO, 0xfffffff0L);
    GuestFs fs = probe(img);
    CorruptDataException e = fails(CorruptDataException.class,
        () -> readAll(fs, "/boot/vmlinuz-6.1.0-56-amd64"));
    assertTrue(e.getMessage().contains("outside the filesystem"), e.getMessage());
  }

  @Test
  void extentIndexPointsOutsideTheDisk() throws IOException {
    byte[] img = ExtImages.bytes("ext4-kernel");
    long first = inodeAt(img, "/frag.bin") + Inode.I_BLOCK + ExtentMap.HEADER;
    ExtDamage.put32(img, first + ExtentMap.EI_LEAF_LO, 0x7fffffffL);
    long ino = ((ExtNode) PathWalker.resolve(probe(img), "/frag.bin")).ino();
    GuestFs fs = probe(img);
    CorruptDataException e = fails(CorruptDataException.class, () -> readAll(fs, "/frag.bin"));
    assertEquals("ext4: inode " + ino + " i_block: extent index 0 points to block 2147483647, "
        + "outside the filesystem (32768 blocks) at byte 0x"
        + Long.toHexString(first - ExtentMap.HEADER), // the i_block field that holds the index
        e.getMessage());
  }

  @Test
  void extentNodePointingToItself() throws IOException {
    byte[] img = ExtImages.bytes("ext4-kernel");
    long root = inodeAt(img, "/frag.bin") + Inode.I_BLOCK;
    assertEquals(2, ExtDamage.u16(img, root + ExtentMap.EH_DEPTH), "fixture tree depth");
    long child = ExtDamage.u32(img, root + ExtentMap.HEADER + ExtentMap.EI_LEAF_LO);
    long childAt = child * 1024; // 1 KiB blocks
    ExtDamage.put32(img, childAt + ExtentMap.HEADER + ExtentMap.EI_LEAF_LO, child);
    GuestFs fs = probe(img);
    CorruptDataException e = fails(CorruptDataException.class, () -> readAll(fs, "/frag.bin"));
    assertTrue(e.getMessage().contains("loop"), e.getMessage());
  }

  @Test
  void extentDepthBeyondTheLimit() throws IOException {
    byte[] img = ExtImages.bytes("ext4-kernel");
    long root = inodeAt(img, "/frag.bin") + Inode.I_BLOCK;
    ExtDamage.put16(img, root + ExtentMap.EH_DEPTH, 1000);
    GuestFs fs = probe(img);
    LimitExceededException e =
        fails(LimitExceededException.class, () -> readAll(fs, "/frag.bin"));
    assertTrue(e.getMessage().endsWith(": extent tree depth: 1000 exceeds the limit of 32"),
        e.getMessage());
  }

  @Test
  void realTreeDeeperThanAConfiguredLimit() throws IOException {
    byte[] img = ExtImages.bytes("ext4-kernel");
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.treeDepth = 1;
    GuestFs fs =
        FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.of(b.build()))
            .orElseThrow();
    LimitExceededException e =
        fails(LimitExceededException.class, () -> readAll(fs, "/frag.bin"));
    assertTrue(e.getMessage().endsWith(": extent tree depth: 2 exceeds the limit of 1"),
        e.getMessage());
  }

  @Test
  void truncatedImage() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    byte[] half = Arrays.copyOf(img, img.length / 2);
    CorruptDataException e = fails(CorruptDataException.class,
        () -> FsProbe.probe(new MemoryImage(half, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void directoryEntryWithZeroRecordLength() throws IOException {
    byte[] img = ExtImages.bytes("ext2-1k");
    long rootInode = inodeAt(img, "/");
    long block = ExtDamage.u32(img, rootInode + Inode.I_BLOCK); // ext2: first direct pointer
    ExtDamage.put16(img, block * 1024 + DirBlock.REC_LEN, 0);
    GuestFs fs = probe(img);
    CorruptDataException e = fails(CorruptDataException.class, () -> fs.list(fs.root()));
    assertEquals("ext2: inode 2: directory block: directory entry at offset 0 has record length 0"
        + " and name length 1 at byte 0x" + Long.toHexString(block * 1024), e.getMessage());
  }

  @Test
  void directoryEntryNamingAnImpossibleInode() throws IOException {
    byte[] img = ExtImages.bytes("ext2-1k");
    long rootInode = inodeAt(img, "/");
    long block = ExtDamage.u32(img, rootInode + Inode.I_BLOCK);
    // The root's first block starts with "." (12 bytes) then "..": the third entry is a name.
    long third = block * 1024 + 24;
    ExtDamage.put32(img, third + DirBlock.INODE, 0x0fffffffL);
    GuestFs fs = probe(img);
    CorruptDataException e = fails(CorruptDataException.class, () -> {
      for (var d : fs.list(fs.root())) {
        fs.open(d);
      }
    });
    assertEquals("ext2: directory entry at byte 0x" + Long.toHexString(third)
        + " names inode 268435455, out of range (1-4096)", e.getMessage());
  }

  @Test
  void indirectPointerOutsideTheDisk() throws IOException {
    byte[] img = ExtImages.bytes("ext2-1k");
    long at = inodeAt(img, "/extra/sparse-indirect.bin") + Inode.I_BLOCK + 13 * 4; // double
    ExtDamage.put32(img, at, 0xffffff00L);
    GuestFs fs = probe(img);
    CorruptDataException e =
        fails(CorruptDataException.class, () -> readAll(fs, "/extra/sparse-indirect.bin"));
    assertTrue(e.getMessage().endsWith(": indirect block pointer 4294967040 at byte 0x"
        + Long.toHexString(at) + " lies outside the filesystem (16384 blocks)"), e.getMessage());
  }

  @Test
  void unknownIncompatFeatureIsRefused() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    ExtDamage.setIncompat(img, 0x80000000);
    UnsupportedFeatureException e = fails(UnsupportedFeatureException.class,
        () -> FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("0x80000000"), e.getMessage());
  }

  @Test
  void refusedFeaturesAreNamed() throws IOException {
    for (int bit : new int[] {Features.INCOMPAT_COMPRESSION, Features.INCOMPAT_JOURNAL_DEV,
        Features.INCOMPAT_DIRDATA}) {
      byte[] img = ExtImages.bytes("ext4-4k");
      ExtDamage.setIncompat(img, bit);
      UnsupportedFeatureException e = fails(UnsupportedFeatureException.class,
          () -> FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("incompat feature '"), e.getMessage());
    }
  }

  @Test
  void unknownRevisionIsRefused() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    ExtDamage.put32(img, ExtDamage.SB + Superblock.S_REV_LEVEL, 2);
    ExtDamage.fixCrc(img);
    UnsupportedFeatureException e = fails(UnsupportedFeatureException.class,
        () -> FsProbe.probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT));
    assertTrue(e.getMessage().contains("revision 2"), e.getMessage());
  }

  @Test
  void encryptFeatureRefusesOnlyEncryptedInodes() throws IOException {
    byte[] img = ExtImages.bytes("ext4-4k");
    ExtDamage.setIncompat(img, Features.INCOMPAT_ENCRYPT);
    // The kernel mounts such a volume: only inodes with the encrypt flag need a key.
    TreeCheck.compare(probe(img), Manifest.read(ExtImages.manifest("ext4-4k")),
        Set.of("lost+found"));
    long at = inodeAt(img, "/boot/grub/grub.cfg") + Inode.I_FLAGS;
    ExtDamage.put32(img, at, ExtDamage.u32(img, at) | Inode.FL_ENCRYPT);
    GuestFs fs = probe(img);
    UnsupportedFeatureException e = fails(UnsupportedFeatureException.class,
        () -> readAll(fs, "/boot/grub/grub.cfg"));
    assertTrue(e.getMessage().contains("'encrypt'"), e.getMessage());
    readAll(fs, "/boot/vmlinuz");
  }
}
