package org.jgrub.fs.reiserfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/**
 * Journal replay on the real 3.6 volume. Its journal (block 18, 8192 blocks, header at block
 * 8210) was written by Linux while the tree was filled: the header says "last flushed transaction
 * 16, next at journal block 115, mount 10", and journal blocks 0.. still hold transactions 10 to
 * 16 of that mount. Rewinding the header to "last flushed 9, next at 0" turns them into committed,
 * unflushed transactions, as a crash leaves them: replaying all seven in order must give exactly
 * the tree Linux left (the MANIFEST), which is also what pygrub's reader returns for this image.
 */
class ReiserJournalTest {
  static final int BS = 4096;
  static final long JOURNAL = 18;
  static final long HEADER = (18 + 8192) * BS;

  static MemoryImage rewound() throws IOException {
    MemoryImage dev =
        MemoryImage.load(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"));
    assertEquals(16, dev.get32(HEADER + ReiserJournal.J_LAST_FLUSH_TRANS_ID, false));
    assertEquals(115, dev.get32(HEADER + ReiserJournal.J_FIRST_UNFLUSHED_OFFSET, false));
    assertEquals(10, dev.get32(HEADER + ReiserJournal.J_MOUNT_ID, false));
    assertEquals(10, dev.get32(JOURNAL * BS + ReiserJournal.J_TRANS_ID, false));
    dev.put32(HEADER + ReiserJournal.J_LAST_FLUSH_TRANS_ID, 9, false);
    dev.put32(HEADER + ReiserJournal.J_FIRST_UNFLUSHED_OFFSET, 0, false);
    return dev;
  }

  @Test
  void cleanVolumeReplaysNothing() throws IOException {
    MemoryImage dev = MemoryImage.load(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"));
    ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    assertTrue(fs.replay().empty());
    assertNotNull(fs.layout(PathWalker.resolve(fs, "/boot/vmlinuz")));
  }

  @Test
  void committedTransactionsAreReplayedInMemory() throws IOException {
    MemoryImage dev = rewound();
    byte[] before = dev.bytes().clone();
    ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    assertEquals(7, fs.replay().transactions(), "transactions 10..16");
    assertEquals(10, fs.replay().firstTrans());
    assertTrue(fs.replay().blocks().size() > 7);
    // The superblock (block 16) is in the journal too and is read from there.
    assertTrue(fs.replay().blocks().containsKey(16L));
    TreeCheck.compare(fs,
        Manifest.read(Fixtures.ROOT.resolve("reiserfs/reiserfs-3.6-boot.MANIFEST")), Set.of());
    assertNull(fs.layout(PathWalker.resolve(fs, "/boot/vmlinuz")), "no raw runs when replayed");
    assertTrue(java.util.Arrays.equals(before, dev.bytes()), "nothing written");
  }

  @Test
  void transactionWithoutItsCommitBlockIsNotReplayed() throws IOException {
    MemoryImage dev = rewound();
    // Transaction 10 has 83 blocks: its commit block is journal block 0 + 83 + 1.
    long commit = (JOURNAL + 84) * BS;
    assertEquals(10, dev.get32(commit + ReiserJournal.J_TRANS_ID, false));
    assertEquals(83, dev.get32(commit + ReiserJournal.J_LEN, false));
    dev.put32(commit + ReiserJournal.J_TRANS_ID, 0, false);
    ReiserFs fs = (ReiserFs) new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    assertTrue(fs.replay().empty());
  }

  @Test
  void journaledHomeBlockOutsideTheVolume() throws IOException {
    MemoryImage dev = rewound();
    dev.put32(JOURNAL * BS + ReiserJournal.J_DESC_REALBLOCK, 0x7fffffff, false);
    Throwable t = assertThrows(CorruptDataException.class, () -> new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
    assertTrue(t.getMessage().contains("home block 2147483647"), t.getMessage());
  }

  @Test
  void uncleanVolumeWithAJournalOnAnotherDeviceIsRefused() throws IOException {
    MemoryImage dev = MemoryImage.load(Fixtures.image("reiserfs/reiserfs-3.6-boot.img.xz"));
    dev.put32(65536 + ReiserSuperblock.JP_JOURNAL_DEV, 0x0803, false);
    dev.bytes()[65536 + ReiserSuperblock.S_UMOUNT_STATE] = 2;
    Throwable t =
        assertThrows(UnsupportedFeatureException.class, () -> new ReiserDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
    assertTrue(t.getMessage().contains("another device"), t.getMessage());
  }
}
