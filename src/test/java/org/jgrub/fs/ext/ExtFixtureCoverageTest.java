package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures really exercise what they are named for: otherwise the tree comparison would pass
 * without ever reaching the code for that feature.
 */
class ExtFixtureCoverageTest {
  private interface Check {
    void on(ExtFs fs) throws IOException;
  }

  private static void with(String image, Check c) throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image(image))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      c.on((ExtFs) fs);
    }
  }

  private static ExtNode node(ExtFs fs, String path) throws IOException {
    return (ExtNode) PathWalker.resolve(fs, path, false);
  }

  @Test
  void geometryAndFeatures() throws IOException {
    with("ext2-1k", fs -> {
      assertEquals(1024, fs.superblock().blockSize());
      assertEquals(128, fs.superblock().inodeSize());
      ExtNode f = node(fs, "/extra/sparse-indirect.bin");
      assertTrue(f.size() > (12 + 256 + 65536) * 1024L, "reaches the triple-indirect range");
      assertTrue(fs.layout(f).size() > 4);
    });
    with("ext3-2k", fs -> assertEquals(2048, fs.superblock().blockSize()));
    with("ext4-64k", fs -> assertEquals(65536, fs.superblock().blockSize()));
    with("ext4-bigalloc", fs -> assertEquals(16384, fs.superblock().clusterSize()));
    with("ext4-casefold", fs -> assertEquals(1024, fs.superblock().inodeSize()));
    with("ext4-bigalloc-1k", fs -> {
      assertEquals(0, fs.superblock().firstDataBlock());
      assertEquals(1024, fs.superblock().blockSize());
      assertTrue(fs.superblock().has(Features.INCOMPAT_META_BG));
      assertEquals(0, fs.superblock().firstMetaBg());
    });
    with("ext2-rev0", fs -> {
      assertEquals(128, fs.superblock().inodeSize());
      assertEquals(0, fs.superblock().incompat(), "no filetype: name length is 16 bits");
    });
    with("ext3-kernel", fs -> {
      ExtNode f = node(fs, "/boot/initrd.img-6.1.0-56-amd64");
      assertTrue(!f.inode.hasFlag(Inode.FL_EXTENTS) && f.inode.iblock().u32le(13 * 4) != 0,
          "a block-mapped file reaching the double-indirect range");
    });
    with("ext4-dirty", fs -> assertTrue(fs.superblock().has(Features.INCOMPAT_RECOVER),
        "a snapshot of a mounted volume, journal not replayed"));
    with("ext4-sparse2",
        fs -> assertTrue((fs.superblock().compat() & Features.COMPAT_SPARSE_SUPER2) != 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ext4-metabg", "ext4-metabg-sparse2"})
  void metaBgInodesBeyondTheFirstMetaGroup(String image) throws IOException {
    with(image, fs -> {
      Superblock sb = fs.superblock();
      assertTrue(sb.has(Features.INCOMPAT_META_BG));
      long perMetaGroup = sb.blockSize() / sb.descSize();
      long lastGroup = 0;
      for (DirEntry e : fs.list(PathWalker.resolve(fs, "/late"))) {
        lastGroup = Math.max(lastGroup, (((ExtRef) e.ref()).ino() - 1) / sb.inodesPerGroup());
      }
      assertTrue(lastGroup >= perMetaGroup, "an inode lies in meta group 1: group " + lastGroup);
      if ((sb.compat() & Features.COMPAT_SPARSE_SUPER2) != 0) {
        // Meta group 1 starts in a group with a sparse_super2 backup superblock.
        assertEquals(perMetaGroup, sb.backupBg1());
      }
    });
  }

  @Test
  void inlineDirectoryAndFiles() throws IOException {
    with("ext4-inline", fs -> {
      assertTrue(node(fs, "/inline/subdir").inode.hasFlag(Inode.FL_INLINE_DATA));
      ExtNode dir = node(fs, "/kdir"); // made by the kernel
      assertTrue(dir.inode.hasFlag(Inode.FL_INLINE_DATA));
      assertTrue(InlineData.systemData(dir.inode, "kdir").length > 0,
          "the inline directory continues in system.data");
      assertEquals(6, fs.list(dir).size());
      ExtNode medium = node(fs, "/inline/medium-120.txt");
      assertTrue(medium.inode.hasFlag(Inode.FL_INLINE_DATA));
      assertTrue(medium.size() > Inode.I_BLOCK_LEN, "part of it lives in system.data");
    });
  }

  @Test
  void kernelImage() throws IOException {
    with("ext4-kernel", fs -> {
      ExtNode big = node(fs, "/big");
      assertTrue(big.inode.hasFlag(0x1000), "the 5000-entry directory is hash-indexed");
      assertEquals(5000, fs.list(big).size());
      ExtNode frag = node(fs, "/frag.bin");
      assertEquals(2, frag.inode.iblock().u16le(ExtentMap.EH_DEPTH), "extent tree depth");
      assertTrue(fs.superblock().has(Features.INCOMPAT_LARGEDIR));
    });
  }
}
