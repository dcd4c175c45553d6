package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.JgrubException;
import org.jgrub.testutil.MemoryImage;
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
  private static final int MAX_NODES = 5000;
  /** Entries opened per directory (ext4-kernel's /big has 5000 empty files). */
  private static final int PER_DIR = 300;
  private static final int READ = 1 << 16;
  /** Rounds in which the driver reported damage (so the damage did reach it). */
  private static int detected;

  /** [start, end) byte ranges of the image that hold metadata. */
  private static List<long[]> metadata(byte[] img) throws IOException {
    ExtFs fs = (ExtFs) new ExtDriver().probe(new MemoryImage(img, "memory image")).orElseThrow();
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
    List<long[]> ranges = metadata(img);
    Random rnd = new Random(0x6a67727562L ^ name.hashCode());
    detected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int flips = 1 + rnd.nextInt(4);
      int[] where = new int[flips];
      byte[] old = new byte[flips];
      for (int i = 0; i < flips; i++) {
        long[] r = ranges.get(rnd.nextInt(ranges.size()));
        where[i] = (int) (r[0] + rnd.nextInt((int) (r[1] - r[0])));
        old[i] = img[where[i]];
        img[where[i]] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (old[i] ^ (1 << rnd.nextInt(8)));
      }
      int id = round;
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> walk(img, name + " round " + id));
      for (int i = flips - 1; i >= 0; i--) {
        img[where[i]] = old[i];
      }
    }
    assertTrue(detected > ROUNDS / 10, "damage detected in only " + detected + " rounds");
  }

  private static void walk(byte[] img, String what) {
    boolean hit = false;
    try {
      Optional<GuestFs> probed = new ExtDriver().probe(new MemoryImage(img, "memory image"));
      if (probed.isEmpty()) {
        return;
      }
      GuestFs fs = probed.get();
      for (String p : new String[] {"/boot/vmlinuz", "/boot/grub/grub.cfg", "/extra/abs-chain",
          "/big/an-entry-with-a-rather-long-name-2500.txt", "/half_md4/entry-100.txt"}) {
        try {
          PathWalker.resolve(fs, p);
        } catch (JgrubException e) {
          // expected for some damage; keep walking the rest
          if (!(e instanceof org.jgrub.io.NotFoundException)) {
            hit = true;
          }
        }
      }
      Deque<Node> todo = new ArrayDeque<>();
      todo.add(fs.root());
      int visited = 0;
      while (!todo.isEmpty() && visited++ < MAX_NODES) {
        Node n = todo.poll();
        try {
          switch (n.kind()) {
            case DIRECTORY -> {
              List<DirEntry> entries = fs.list(n);
              for (DirEntry e : entries.subList(0, Math.min(PER_DIR, entries.size()))) {
                todo.add(fs.open(e));
              }
            }
            case SYMLINK -> fs.readLink(n);
            case FILE -> {
              fs.read(n, 0, ByteBuffer.allocate((int) Math.min(READ, Math.max(1, n.size()))));
              if (n.size() < (1 << 24)) {
                fs.layout(n);
              }
            }
            default -> {}
          }
        } catch (JgrubException e) {
          // a clean error for this node; the others still get walked
          hit = true;
        }
      }
    } catch (JgrubException e) {
      // a clean error for the whole volume
      hit = true;
    } catch (IOException e) {
      fail(what + ": an I/O exception that is not jgrub's: " + e, e);
    } catch (RuntimeException e) {
      fail(what + ": " + e, e);
    }
    if (hit) {
      detected++;
    }
  }
}
