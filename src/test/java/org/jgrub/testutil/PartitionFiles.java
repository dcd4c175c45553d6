package org.jgrub.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;
import org.jgrub.volume.PartitionInfo;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScanner;

/**
 * A real image's partitions as separate files, the bytes Linux wrote copied as they lie (what a
 * guest whose MD members sit on several disks gives dom0: one file per disk).
 */
public final class PartitionFiles {
  private PartitionFiles() {}

  /** Partition {@code number} (as the table numbers it) of the image at {@code image}, in {@code out}. */
  public static Path copy(Path image, int number, Path out) throws IOException {
    try (BlockDevice disk = RawImage.open(image)) {
      List<String> notes = new ArrayList<>();
      for (Volume v : VolumeScanner.inside(disk, "hd0", "whole disk", notes, Bounds.DEFAULT)) {
        if (v.partition().isPresent() && v.partition().get().number() == number) {
          write(disk, v.partition().get(), out);
          return out;
        }
      }
    }
    throw new AssertionError("no partition " + number + " in " + image);
  }

  private static void write(BlockDevice disk, PartitionInfo p, Path out) throws IOException {
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      for (long at = 0; at < p.length(); at += b.limit()) {
        b.clear();
        b.limit((int) Math.min(b.capacity(), p.length() - at));
        disk.read(p.offset() + at, b);
        b.flip();
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    }
  }
}
