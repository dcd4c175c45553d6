package org.jgrub.fs.reiserfs;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * A file's bytes as runs, built once from its items in key order: an indirect item maps whole
 * blocks (0 = a hole), a direct item holds bytes inline (the "tail"). Item key offsets count from
 * 1; a gap between items, or after the last one up to the size, is a hole.
 */
final class ReiserFileMap implements RunMap {
  /** An indirect item is an array of 32-bit block numbers. */
  static final int POINTER_SIZE = 4;

  private final long[] fileOffsets;
  private final long[] deviceOffsets;
  private final long[] lengths;
  private final int count;

  private ReiserFileMap(List<Run> runs) {
    count = runs.size();
    fileOffsets = new long[count];
    deviceOffsets = new long[count];
    lengths = new long[count];
    for (int i = 0; i < count; i++) {
      Run r = runs.get(i);
      fileOffsets[i] = r.fileOffset();
      deviceOffsets[i] = r.deviceOffset();
      lengths[i] = r.length();
    }
  }

  static ReiserFileMap build(List<ReiserTree.Item> items, ReiserNode node, ReiserSuperblock sb,
      Limits limits)
      throws CorruptDataException {
    List<Run> runs = new ArrayList<>();
    long bs = sb.blockSize();
    long size = node.size();
    long next = 0;
    int limit = limits.extentsPerFile;
    for (ReiserTree.Item it : items) {
      ReiserItemHeader h = it.header();
      int type = h.key().type();
      if (type != ReiserKey.DIRECT && type != ReiserKey.INDIRECT) {
        continue;
      }
      long start = h.key().offset() - 1;
      if (start < next) {
        throw it.body().corrupt(node.where() + ": item at file offset " + start
            + " overlaps the previous one (ending at " + next + ")");
      }
      if (start >= size) {
        break;
      }
      if (type == ReiserKey.DIRECT) {
        long len = Math.min(h.length(), size - start);
        add(runs, start, it.bodyOffset(sb.blockSize()), len, limit, node);
        next = start + len;
        continue;
      }
      if (start % bs != 0 || h.length() % POINTER_SIZE != 0) {
        throw it.body().corrupt(node.where() + ": indirect item at offset " + start
            + " of length " + h.length() + " is not block aligned");
      }
      ByteView body = it.body();
      long pos = start;
      for (int j = 0; j < h.length() / POINTER_SIZE && pos < size; j++) {
        long blk = body.u32le(j * POINTER_SIZE);
        if (blk >= sb.blockCount()) {
          throw body.corrupt(node.where() + ": block pointer " + j + " = " + blk
              + " outside the " + sb.blockCount() + " blocks");
        }
        long len = Math.min(bs, size - pos);
        add(runs, pos, blk == 0 ? -1 : blk * bs, len, limit, node);
        pos += len;
      }
      next = pos;
    }
    return new ReiserFileMap(runs);
  }

  private static void add(List<Run> runs, long pos, long dev, long len, int limit, ReiserNode n)
      throws CorruptDataException {
    if (len <= 0) {
      return;
    }
    if (!runs.isEmpty()) {
      Run last = runs.get(runs.size() - 1);
      boolean adjacent = last.fileOffset() + last.length() == pos;
      if (adjacent && (last.isHole() && dev < 0
          || !last.isHole() && dev >= 0 && last.deviceOffset() + last.length() == dev)) {
        runs.set(runs.size() - 1, new Run(last.fileOffset(), last.deviceOffset(),
            last.length() + len));
        return;
      }
    }
    Limits.check(runs.size() + 1L, limit, n.where() + " runs");
    runs.add(new Run(pos, dev, len));
  }

  /** The runs, for {@code GuestFs.layout}: gaps are not listed. */
  List<Run> runs() {
    List<Run> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new Run(fileOffsets[i], deviceOffsets[i], lengths[i]));
    }
    return out;
  }

  @Override
  public Run runAt(long pos) {
    int lo = 0;
    int hi = count - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (fileOffsets[mid] <= pos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found >= 0 && pos < fileOffsets[found] + lengths[found]) {
      return new Run(fileOffsets[found], deviceOffsets[found], lengths[found]);
    }
    long gapStart = found >= 0 ? fileOffsets[found] + lengths[found] : 0;
    long gapEnd = found + 1 < count ? fileOffsets[found + 1] : Long.MAX_VALUE;
    return new Run(gapStart, -1, gapEnd - gapStart);
  }
}
