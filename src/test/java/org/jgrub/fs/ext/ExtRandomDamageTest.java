package org.jgrub.fs.ext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeWalk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random damage to the metadata of real images (superblock, group descriptors, every inode in
 * use, the first blocks of every directory, extent and indirect blocks), with a fixed seed: the
 * driver must end every walk normally or with a jgrub exception, never a runtime exception, a
 * hang or an unbounded read.
 */
class ExtRandomDamageTest {
  private static final int ROUNDS = Integer.getInteger("ext.fuzz.rounds", 300);
  /** 300 entries opened per directory (ext4-kernel's /big has 5000 empty files), 64 KiB read. */
  private static final TreeWalk WALK = new TreeWalk(5000, 24, 300, 1 << 16, Set.of());

  /** [start, end) byte ranges of the image that hold metadata. */
  private static List<long[]> metadata(byte[] img) throws IOException {
    ExtFs fs = (ExtFs) new ExtDriver().probe(new MemoryImage(img, "memory image"), org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    Superblock sb = fs.superblock();
    List<long[]> out = new ArrayList<>();
    out.add(new long[] {1024, 2048});
    long gdt = (1024 / sb.blockSize() + 1) * (long) sb.blockSize();
    out.add(new long[] {gdt, gdt + sb.blockSize()});
    Deque<ExtNode> todo = new ArrayDeque<>();
    todo.add((ExtNode) fs.root());
    Set<Long> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      ExtNode n = todo.poll();
      if (!seen.add(n.ino())) {
        continue;
      }
      long at = n.inode.raw().diskOffset(0);
      // The 5000 empty files of ext4-kernel's /big would otherwise draw nearly all the damage.
      if (n.kind() != Node.Kind.FILE || n.size() > 0) {
        out.add(new long[] {at, at + sb.inodeSize()});
      }
      boolean inline = n.inode.hasFlag(Inode.FL_INLINE_DATA);
      if (n.kind() == Node.Kind.DIRECTORY && !inline) {
        RunMap m = fs.mapOf(n);
        for (long pos = 0; pos < Math.min(n.size(), 4L * sb.blockSize()); pos += sb.blockSize()) {
          Run r = m.runAt(pos);
          long dev = r.deviceOffset() + (pos - r.fileOffset());
          out.add(new long[] {dev, dev + sb.blockSize()});
        }
      }
      if (n.kind() == Node.Kind.FILE && !inline && !n.inode.hasFlag(Inode.FL_EXTENTS)) {
        for (int k = 12; k < 15; k++) { // indirect blocks
          long b = n.inode.iblock().u32le(k * 4);
          if (b != 0) {
            out.add(new long[] {b * sb.blockSize(), (b + 1) * sb.blockSize()});
          }
        }
      }
      if (n.inode.hasFlag(Inode.FL_EXTENTS) && n.inode.iblock().u16le(ExtentMap.EH_DEPTH) > 0) {
        long b = n.inode.iblock().u32le(ExtentMap.HEADER + ExtentMap.EI_LEAF_LO);
        out.add(new long[] {b * sb.blockSize(), (b + 1) * sb.blockSize()});
      }
      if (n.kind() == Node.Kind.DIRECTORY && !n.inode.hasFlag(Inode.FL_ENCRYPT)) {
        for (DirEntry e : fs.list(n)) {
          todo.add((ExtNode) fs.open(e));
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ext2-1k", "ext4-4k", "ext4-inline", "ext4-kernel", "ext4-metabg", "ext4-hash-signed"})
  void randomDamageEndsCleanly(String name) throws IOException {
    byte[] img = ExtImages.bytes(name);
    Damage d = Damage.of(new MemoryImage(img, name), name)
        .rounds(ROUNDS, 0x6a67727562L ^ name.hashCode())
        .bytesPerRound(4)
        .timeout(Duration.ofSeconds(2))
        .resolve("/boot/vmlinuz", "/boot/grub/grub.cfg", "/extra/abs-chain",
            "/big/an-entry-with-a-rather-long-name-2500.txt", "/half_md4/entry-100.txt")
        .walk(WALK);
    for (long[] r : metadata(img)) {
      d.region(r[0], r[1]);
    }
    d.walkEach(dev -> new ExtDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT)).refusedAtLeast(ROUNDS / 10, name);
  }
}
