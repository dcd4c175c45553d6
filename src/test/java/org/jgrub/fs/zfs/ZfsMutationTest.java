package org.jgrub.fs.zfs;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.ByteView;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structures read from the real rpool image, damaged at random (fixed seeds, 1-8 bytes per round)
 * after their checksum was verified, and handed straight to their parsers (the shared {@link
 * Damage} harness): every outcome is a result or a jgrub exception, never an unchecked exception,
 * every round is quick, and at least one round in twenty is refused.
 */
class ZfsMutationTest {
  private static final int ROUNDS = 400;
  private static RawImage dev;
  private static ZfsFs fs;

  @BeforeAll
  static void open() throws IOException {
    dev = RawImage.open(Fixtures.image("zfs/zfs-rpool.img.xz"));
    fs = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
  }

  @AfterAll
  static void close() throws IOException {
    dev.close();
  }

  /**
   * Damages copies of {@code original} through the shared harness and parses each: every round
   * returns or ends in a jgrub exception with a message, and some rounds must be refused (the
   * damage reached what the parser checks).
   */
  private static void mutate(String what, byte[] original, long seed, Damage.Parse p) {
    Damage.parseEach(what, original, ROUNDS, seed, Duration.ofSeconds(10), p)
        .refusedAtLeast(ROUNDS / 20, what);
  }

  @Test
  void labelNvlist() throws IOException {
    // Label 0's nvlist: 112 KiB at byte 16 KiB; mutations go to its first 4 KiB (the pairs).
    byte[] nv = dev.read(16 << 10, 4096);
    mutate("label nvlist", nv, 1, b -> NvListParser.parse(ByteView.of(b, "nvlist")));
  }

  @Test
  void zapLeaf() throws IOException {
    ZfsNode dir = (ZfsNode) PathWalker.resolve(fs, "/boot/grub/i386-pc");
    ZfsPool.Block leaf = fs.pool().readObjectBlock(dir.dnode, 1, "leaf");
    mutate("ZAP leaf", leaf.data(), 2, b -> Zap.readLeaf(
        ByteView.of(b, "leaf"), leaf.bigEndian(), new HashMap<>(), 100_000));
  }

  @Test
  void dnodeBlockAndWalk() throws IOException {
    ZfsNode n = (ZfsNode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    ObjectSet os = fs.objectSet();
    int blk = os.meta.dataBlkSize();
    long off = n.obj * Dnode.SLOT;
    ZfsPool.Block b = fs.pool().readObjectBlock(os.meta, off / blk, "dnodes");
    int at = (int) (off % blk);
    byte[] one = java.util.Arrays.copyOfRange(b.data(), at, at + n.dnode.bonus().length + 512);
    mutate("dnode", one, 3, d -> {
      Dnode parsed = Dnode.parse(ByteView.of(d, "dnode"), 0, b.bigEndian(), n.obj);
      fs.pool().readObjectBlock(parsed, 0, "mutated dnode");
      fs.pool().readObjectBlock(parsed, parsed.maxBlkId(), "mutated dnode");
    });
  }

  @Test
  void lz4Block() throws IOException {
    ZfsNode n = (ZfsNode) PathWalker.resolve(fs, "/boot/initrd.img-6.1.0-56-amd64");
    BlockPtr bp = n.dnode.blkptrs()[0];
    byte[] raw = dev.read(LeafVdev.LABEL_START_SIZE + bp.dvas()[0].offset(), bp.psize());
    mutate("lz4 block", raw, 4, b -> Compression.decompress(new org.jgrub.compress.Codecs(), bp.compression(), b, bp.psize(), bp.lsize(), "x", org.jgrub.io.Budget.UNLIMITED));
  }

  /** The one zstd block and the one gzip-9 block the fixture's data datasets hold at top level. */
  @Test
  void zstdAndGzipBlocks() throws IOException {
    for (String[] c : new String[][] {{"rpool/data/zstd", "16"}, {"rpool/data/gzip-9", "13"}}) {
      ZfsFs f = fs.withDataset(c[0]);
      BlockPtr found = null;
      for (org.jgrub.fs.DirEntry e : f.list(PathWalker.resolve(f, "/files"))) {
        ZfsNode n = (ZfsNode) f.open(e);
        BlockPtr bp = n.dnode.blkptrs()[0];
        if (!bp.isHole() && !bp.isEmbedded() && bp.compression() == Integer.parseInt(c[1])) {
          found = bp;
        }
      }
      org.junit.jupiter.api.Assertions.assertNotNull(found, c[0]);
      BlockPtr bp = found;
      byte[] raw = dev.read(LeafVdev.LABEL_START_SIZE + bp.dvas()[0].offset(), bp.psize());
      mutate(c[0] + " block", raw, 6, b -> Compression.decompress(new org.jgrub.compress.Codecs(), bp.compression(), b, bp.psize(), bp.lsize(), "x", org.jgrub.io.Budget.UNLIMITED));
    }
  }

  @Test
  void systemAttributeBonus() throws IOException {
    ZfsNode n = (ZfsNode) PathWalker.resolve(fs, "/boot/grub/grub.conf", false);
    SystemAttributes sa = SystemAttributes.load(fs.objectSet(), saObject());
    mutate("system attribute bonus", n.dnode.bonus(), 5, b -> sa.decode(b, "bonus", new HashMap<>()));
  }

  private static long saObject() throws IOException {
    return Zap.read(fs.objectSet(), 1, "master").get("SA_ATTRS").first();
  }
}
