package org.jgrub.fs.reiserfs;

import org.jgrub.io.Uuids;
import java.nio.charset.StandardCharsets;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * The ReiserFS superblock ({@code struct reiserfs_super_block}, Linux fs/reiserfs/reiserfs.h): the
 * v1 part every volume has and, on 3.6-format volumes, the v2 part with UUID and label.
 *
 * @param location byte offset of the superblock
 * @param blockCount s_block_count
 * @param rootBlock s_root_block
 * @param treeHeight s_tree_height (a leaf is level 1; the height counts one more, for the
 *     unformatted data blocks, so a root that is a leaf means height 2)
 * @param blockSize s_blocksize
 * @param journalFirstBlock jp_journal_1st_block
 * @param journalDev jp_journal_dev (non-zero: the journal is on another device)
 * @param journalSize jp_journal_size (blocks, without the journal header block)
 * @param journalTransMax jp_journal_trans_max
 * @param umountState s_umount_state (1 = unmounted cleanly, 2 = mounted or crashed)
 * @param magic the magic string ("ReIsErFs", "ReIsEr2Fs" or "ReIsEr3Fs")
 * @param hashFunction s_hash_function_code (1 tea, 2 rupasov, 3 r5)
 * @param format36 s_version 2: the 3.6 format (new keys and stat data allowed)
 * @param uuid UUID (3.6 only, empty when zero)
 * @param label volume label (3.6 only, may be empty)
 */
record ReiserSuperblock(
    long location,
    long blockCount,
    long rootBlock,
    int treeHeight,
    int blockSize,
    long journalFirstBlock,
    long journalDev,
    long journalSize,
    long journalTransMax,
    int umountState,
    String magic,
    int hashFunction,
    boolean format36,
    String uuid,
    String label) {

  /** Where 3.5 (since 2.2.x) and 3.6 superblocks live, and where the first 3.5 volumes had it. */
  static final long[] LOCATIONS = {65536, 8192};

  static final int SIZE = 204;
  static final int SIZE_V1 = 76;

  // struct reiserfs_super_block_v1
  static final int S_BLOCK_COUNT = 0;
  static final int S_ROOT_BLOCK = 8;
  static final int JP_JOURNAL_1ST_BLOCK = 12;
  static final int JP_JOURNAL_DEV = 16;
  static final int JP_JOURNAL_SIZE = 20;
  static final int JP_JOURNAL_TRANS_MAX = 24;
  static final int S_BLOCKSIZE = 44;
  static final int S_UMOUNT_STATE = 50;
  static final int S_MAGIC = 52;
  static final int MAGIC_LEN = 10;
  static final int S_HASH_FUNCTION_CODE = 64;
  static final int S_TREE_HEIGHT = 68;
  static final int S_VERSION = 72;
  // struct reiserfs_super_block (v2 additions)
  static final int S_UUID = 84;
  static final int S_LABEL = 100;
  static final int LABEL_LEN = 16;
  static final int UUID_LEN = 16;
  static final int MIN_BLOCKSIZE = 512;

  static final String MAGIC_35 = "ReIsErFs";
  static final String MAGIC_36 = "ReIsEr2Fs";
  /** "Non-standard" journal: relocated or on another device (reiserfsprogs calls it JR). */
  static final String MAGIC_JR = "ReIsEr3Fs";

  static final int VERSION_36 = 2;
  static final int UMOUNT_VALID = 1;
  /** REISERFS_MAX_HEIGHT is 5 in Linux; bounded further by Limits.treeDepth. */
  static final int MAX_HEIGHT = 5;

  /** The magic at {@code v}, or null when this is not a ReiserFS superblock. */
  static String magicOf(ByteView v) throws CorruptDataException {
    String m = v.cstring(S_MAGIC, MAGIC_LEN, StandardCharsets.US_ASCII);
    return m.equals(MAGIC_35) || m.equals(MAGIC_36) || m.equals(MAGIC_JR) ? m : null;
  }

  static ReiserSuperblock parse(ByteView v, long location, Limits limits)
      throws CorruptDataException {
    String magic = magicOf(v);
    int bs = v.u16le(S_BLOCKSIZE);
    if (bs < MIN_BLOCKSIZE || (bs & (bs - 1)) != 0) {
      throw v.corrupt("block size " + bs + " is not a power of two of at least 512");
    }
    long count = v.u32le(S_BLOCK_COUNT);
    long root = v.u32le(S_ROOT_BLOCK);
    if (count == 0 || root == 0 || root >= count) {
      throw v.corrupt("root block " + root + " outside the " + count + " blocks");
    }
    int height = v.u16le(S_TREE_HEIGHT);
    if (height < 2) {
      throw v.corrupt("tree height " + height);
    }
    Limits.check(height, Math.min(MAX_HEIGHT, limits.treeDepth),
        v.what() + ": tree height");
    boolean v36 = v.u16le(S_VERSION) == VERSION_36;
    if (magic.equals(MAGIC_36) && !v36) {
      throw v.corrupt("magic " + magic + " with s_version " + v.u16le(S_VERSION));
    }
    String uuid = "";
    String label = "";
    if (v36) {
      uuid = v.isZero(S_UUID, UUID_LEN) ? "" : uuid(v.bytes(S_UUID, UUID_LEN));
      label = v.cstring(S_LABEL, LABEL_LEN, StandardCharsets.UTF_8);
    }
    return new ReiserSuperblock(location, count, root, height, bs,
        v.u32le(JP_JOURNAL_1ST_BLOCK), v.u32le(JP_JOURNAL_DEV), v.u32le(JP_JOURNAL_SIZE),
        v.u32le(JP_JOURNAL_TRANS_MAX), v.u16le(S_UMOUNT_STATE), magic,
        (int) v.u32le(S_HASH_FUNCTION_CODE), v36, uuid, label);
  }

  private static String uuid(byte[] b) {
    return Uuids.format(b);
  }
}
