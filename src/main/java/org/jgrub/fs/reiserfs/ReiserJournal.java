package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Decides whether the journal holds a committed transaction that was never written to its home
 * blocks (Linux fs/reiserfs/journal.c, journal_read): the journal header names the last flushed
 * transaction and where the first unflushed one would start; a valid description block there,
 * with a newer transaction id and a matching commit block, means the tree on disk is stale.
 * jgrub does not replay: such a volume is refused (see docs/ufs-reiserfs.md).
 */
final class ReiserJournal {
  private ReiserJournal() {}

  // struct reiserfs_journal_header
  static final int J_LAST_FLUSH_TRANS_ID = 0;
  static final int J_FIRST_UNFLUSHED_OFFSET = 4;
  static final int J_MOUNT_ID = 8;
  // struct reiserfs_journal_desc / reiserfs_journal_commit
  static final int J_TRANS_ID = 0;
  static final int J_LEN = 4;
  static final int J_DESC_MOUNT_ID = 8;
  /** The description block's magic sits 12 bytes before the block's end. */
  static final int J_MAGIC_FROM_END = 12;

  static final String DESC_MAGIC = "ReIsErLB";

  static void checkClean(BlockDevice dev, ReiserSuperblock sb) throws IOException {
    String vol = dev.describe() + ": ReiserFS";
    if (sb.journalDev() != 0) {
      if (sb.umountState() != ReiserSuperblock.UMOUNT_VALID) {
        throw new UnsupportedFeatureException(vol + " was not unmounted cleanly and its journal"
            + " is on another device (0x" + Long.toHexString(sb.journalDev()) + "), which jgrub"
            + " cannot check; mount it once in Linux or run reiserfsck");
      }
      return;
    }
    long size = sb.journalSize();
    if (size == 0) {
      return;
    }
    int bs = sb.blockSize();
    long headerBlock = Math.addExact(sb.journalFirstBlock(), size);
    if (headerBlock >= sb.blockCount()) {
      throw new CorruptDataException(vol + ": journal header block " + headerBlock
          + " outside the " + sb.blockCount() + " blocks");
    }
    ByteView h = block(dev, sb, headerBlock, "ReiserFS journal header");
    long lastFlush = h.u32le(J_LAST_FLUSH_TRANS_ID);
    long first = h.u32le(J_FIRST_UNFLUSHED_OFFSET);
    long mountId = h.u32le(J_MOUNT_ID);
    if (first >= size || lastFlush == 0) {
      // Linux replays nothing either: no flushed transaction recorded yet.
      return;
    }
    ByteView d = block(dev, sb, sb.journalFirstBlock() + first, "ReiserFS journal block");
    String magic = d.string(bs - J_MAGIC_FROM_END, DESC_MAGIC.length(), StandardCharsets.US_ASCII);
    if (!magic.equals(DESC_MAGIC)) {
      return;
    }
    long trans = d.u32le(J_TRANS_ID);
    long len = d.u32le(J_LEN);
    if (trans <= lastFlush || d.u32le(J_DESC_MOUNT_ID) < mountId || len == 0
        || len > sb.journalTransMax() || len >= size) {
      return;
    }
    ByteView c = block(dev, sb, sb.journalFirstBlock() + (first + len + 1) % size,
        "ReiserFS journal commit block");
    if (c.u32le(J_TRANS_ID) != trans || c.u32le(J_LEN) != len) {
      return;
    }
    throw new UnsupportedFeatureException(vol + ": the journal holds committed transaction "
        + trans + " (" + len + " blocks, at journal block " + first + ") newer than the last"
        + " flushed one (" + lastFlush + "); jgrub does not replay journals. Mount the volume"
        + " once in Linux (or run reiserfsck --fix-fixable) to flush it");
  }

  private static ByteView block(BlockDevice dev, ReiserSuperblock sb, long block, String what)
      throws IOException {
    long off = Math.multiplyExact(block, (long) sb.blockSize());
    dev.checkRange(off, sb.blockSize(), what);
    return ByteView.read(dev, off, sb.blockSize(), what + " " + block);
  }
}
