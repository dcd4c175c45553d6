package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;

/** Finds a ReiserFS 3.5/3.6 superblock at 64 KiB (or 8 KiB on the oldest 3.5 volumes). */
public final class ReiserDriver implements FsDriver {
  @Override
  public String name() {
    return "reiserfs";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    for (long at : ReiserSuperblock.LOCATIONS) {
      if (at + ReiserSuperblock.SIZE > dev.size()) {
        continue;
      }
      ByteView v = ByteView.read(dev, at, ReiserSuperblock.SIZE,
          dev.describe() + ": ReiserFS superblock");
      if (ReiserSuperblock.magicOf(v) == null) {
        continue;
      }
      ReiserSuperblock sb = ReiserSuperblock.parse(v, at, bounds.limits());
      ReiserJournal.Replay replay = ReiserJournal.read(dev, sb, bounds.limits());
      if (replay.empty()) {
        return Optional.of(new ReiserFs(dev, sb, replay, bounds));
      }
      // The superblock itself is journaled (root block, tree height): read it again replayed.
      BlockDevice replayed = new ReplayedDevice(dev, replay.blocks(), sb.blockSize());
      ByteView again = ByteView.read(replayed, at, ReiserSuperblock.SIZE,
          dev.describe() + ": ReiserFS superblock (journal replayed)");
      if (ReiserSuperblock.magicOf(again) == null) {
        throw again.corrupt("the journal's copy of the superblock has no ReiserFS magic");
      }
      return Optional.of(new ReiserFs(replayed,
          ReiserSuperblock.parse(again, at, bounds.limits()), replay, bounds));
    }
    return Optional.empty();
  }
}
