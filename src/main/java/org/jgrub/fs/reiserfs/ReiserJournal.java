package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Finds the committed transactions that a crash left in the journal but not in their home blocks
 * (Linux fs/reiserfs/journal.c, journal_read; GRUB's fsys_reiserfs does the same): the journal
 * header names the last flushed transaction and where the next one starts; from there, each
 * description block with the next transaction id, this mount's id and a matching commit block is
 * one transaction to apply. The result maps home blocks to their newest journal copies, which
 * {@link ReplayedDevice} serves in memory; nothing is written.
 */
final class ReiserJournal {
  private ReiserJournal() {}

  // struct reiserfs_journal_header
  static final int J_LAST_FLUSH_TRANS_ID = 0;
  static final int J_FIRST_UNFLUSHED_OFFSET = 4;
  static final int J_MOUNT_ID = 8;
  // struct reiserfs_journal_desc and reiserfs_journal_commit
  static final int J_TRANS_ID = 0;
  static final int J_LEN = 4;
  static final int J_DESC_MOUNT_ID = 8;
  static final int J_DESC_REALBLOCK = 12;
  static final int J_COMMIT_REALBLOCK = 8;
  /** The description block's magic sits 12 bytes before the block's end. */
  static final int J_MAGIC_FROM_END = 12;
  /** Bytes of a description block that are not j_realblock[] (12 header + 12 trailer). */
  static final int J_DESC_OVERHEAD = 24;

  static final String DESC_MAGIC = "ReIsErLB";
  static final int BLOCK_NUMBER_SIZE = 4;
  /** What one replayed block costs in memory (a boxed pair in a hash map), for Limits. */
  static final int MAP_ENTRY_BYTES = 64;

  /** The transactions to apply: home block to journal block, and how many there were. */
  record Replay(Map<Long, Long> blocks, long firstTrans, int transactions) {
    boolean empty() {
      return transactions == 0;
    }
  }

  static Replay read(BlockDevice dev, ReiserSuperblock sb, Limits limits) throws IOException {
    String vol = dev.describe() + ": ReiserFS";
    Replay none = new Replay(Map.of(), 0, 0);
    if (sb.journalDev() != 0) {
      if (sb.umountState() != ReiserSuperblock.UMOUNT_VALID) {
        throw new UnsupportedFeatureException(vol + " was not unmounted cleanly and its journal"
            + " is on another device (0x" + Long.toHexString(sb.journalDev()) + "), which jgrub"
            + " cannot read; mount it once in Linux or run reiserfsck");
      }
      return none;
    }
    long size = sb.journalSize();
    if (size < 2) {
      return none;
    }
    long start = sb.journalFirstBlock();
    long headerBlock = Math.addExact(start, size);
    if (headerBlock >= sb.blockCount()) {
      throw new CorruptDataException(vol + ": journal header block " + headerBlock
          + " outside the " + sb.blockCount() + " blocks");
    }
    ByteView h = block(dev, sb, headerBlock, "ReiserFS journal header");
    long lastFlush = h.u32le(J_LAST_FLUSH_TRANS_ID);
    long cur = h.u32le(J_FIRST_UNFLUSHED_OFFSET);
    long mountId = h.u32le(J_MOUNT_ID);
    if (cur >= size || lastFlush == 0) {
      // No transaction was ever flushed through this header: nothing to replay (GRUB agrees).
      return none;
    }
    int bs = sb.blockSize();
    int half = (bs - J_DESC_OVERHEAD) / BLOCK_NUMBER_SIZE;
    Map<Long, Long> map = new HashMap<>();
    long expect = lastFlush + 1;
    int count = 0;
    // Every transaction takes at least 3 journal blocks, so this many fit the ring.
    for (long walked = 0; walked < size; ) {
      ByteView d = block(dev, sb, start + cur, "ReiserFS journal block");
      String magic = d.string(bs - J_MAGIC_FROM_END, DESC_MAGIC.length(),
          StandardCharsets.US_ASCII);
      long len = d.u32le(J_LEN);
      if (!magic.equals(DESC_MAGIC) || d.u32le(J_TRANS_ID) != expect
          || d.u32le(J_DESC_MOUNT_ID) != mountId || len == 0 || len > sb.journalTransMax()
          || len + 2 > size) {
        break;
      }
      ByteView c = block(dev, sb, start + (cur + len + 1) % size, "ReiserFS journal commit");
      if (c.u32le(J_TRANS_ID) != expect || c.u32le(J_LEN) != len) {
        break; // not committed: the crash came before the commit block, so Linux drops it too
      }
      for (int i = 0; i < len; i++) {
        // The first half of j_realblock[] is in the description block, the rest in the commit.
        long home = i < half ? d.u32le(J_DESC_REALBLOCK + BLOCK_NUMBER_SIZE * i)
            : c.u32le(J_COMMIT_REALBLOCK + BLOCK_NUMBER_SIZE * (i - half));
        if (home == 0 || home >= sb.blockCount()) {
          throw d.corrupt("transaction " + expect + " block " + i + " has home block " + home
              + " outside the " + sb.blockCount() + " blocks");
        }
        map.put(home, start + (cur + 1 + i) % size);
      }
      Limits.check((long) map.size() * MAP_ENTRY_BYTES, limits.metadataBytes,
          vol + " journal replay map");
      count++;
      expect++;
      walked += len + 2;
      cur = (cur + len + 2) % size;
    }
    return new Replay(map, lastFlush + 1, count);
  }

  private static ByteView block(BlockDevice dev, ReiserSuperblock sb, long block, String what)
      throws IOException {
    long off = Math.multiplyExact(block, (long) sb.blockSize());
    dev.checkRange(off, sb.blockSize(), what);
    return ByteView.read(dev, off, sb.blockSize(), dev.describe() + ": " + what + " " + block);
  }
}
