package org.jgrub.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.BlockDevice;

/**
 * A fuzzer input seen as a disk. Two forms: plain bytes (the disk is the input), or a sparse image
 * so that a seed made from a many-megabyte filesystem stays a few kilobytes:
 *
 * <pre>
 *   "JGSP" u64be(size) { u64be(offset) u32be(length) byte[length] }...
 * </pre>
 *
 * Bytes not covered by a chunk read as zeros; a chunk cut short by the end of the input keeps what
 * is there; later chunks win where chunks overlap. The size is clamped to {@link #MAX_SIZE} so that
 * a mutated header cannot ask the CLI target for a huge file.
 */
public final class FuzzDevice implements BlockDevice {
  static final byte[] MAGIC = {'J', 'G', 'S', 'P'};
  /** Largest sparse disk (the CLI target writes it as a sparse file). */
  static final long MAX_SIZE = 1L << 30;

  private static final int HEADER = 12;
  private static final int CHUNK_HEADER = 12;

  private final long size;
  private final List<long[]> places = new ArrayList<>(); // {offset, input index, length}
  private final byte[] data;

  private FuzzDevice(byte[] data) {
    this.data = data;
    if (!isSparse(data)) {
      size = data.length;
      places.add(new long[] {0, 0, data.length});
      return;
    }
    size = Math.min(Math.max(readLong(data, 4), 0), MAX_SIZE);
    int p = HEADER;
    while (p + CHUNK_HEADER <= data.length) {
      long off = readLong(data, p);
      long len = readInt(data, p + 8) & 0xffffffffL;
      p += CHUNK_HEADER;
      len = Math.min(len, data.length - p);
      if (off >= 0 && off < size) {
        places.add(new long[] {off, p, Math.min(len, size - off)});
      }
      p += (int) len;
    }
  }

  public static FuzzDevice of(byte[] data) {
    return new FuzzDevice(data);
  }

  static boolean isSparse(byte[] d) {
    return d.length >= HEADER && d[0] == MAGIC[0] && d[1] == MAGIC[1] && d[2] == MAGIC[2]
        && d[3] == MAGIC[3];
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String describe() {
    return "fuzz disk";
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    int n = dst.remaining();
    checkRange(offset, n, "read");
    int base = dst.position();
    for (int i = 0; i < n; i++) {
      dst.put(base + i, (byte) 0);
    }
    long end = offset + n;
    for (long[] c : places) {
      long from = Math.max(offset, c[0]);
      long to = Math.min(end, c[0] + c[2]);
      if (from < to) {
        int src = (int) (c[1] + (from - c[0]));
        dst.put(base + (int) (from - offset), data, src, (int) (to - from));
      }
    }
    dst.position(base + n);
  }

  /** Writes the disk to {@code file} as a sparse file, for the command-line target. */
  public void writeTo(Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.WRITE,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.SPARSE)) {
      for (long[] c : places) {
        ByteBuffer b = ByteBuffer.wrap(data, (int) c[1], (int) c[2]);
        long pos = c[0];
        while (b.hasRemaining()) {
          pos += ch.write(b, pos);
        }
      }
      if (ch.size() < size) {
        // The last byte lies past every chunk, so it is a zero; writing it sets the file's size.
        ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
    }
  }

  private static long readLong(byte[] d, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[p + i] & 0xff);
    }
    return v;
  }

  private static int readInt(byte[] d, int p) {
    return ((d[p] & 0xff) << 24) | ((d[p + 1] & 0xff) << 16) | ((d[p + 2] & 0xff) << 8)
        | (d[p + 3] & 0xff);
  }
}
