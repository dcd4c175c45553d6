package org.jgrub.volume.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;

/**
 * An MD array read through its members as {@link Geometry} lays them out: linear, raid0, raid10
 * (any copy on a member present) and raid4/5/6 (data chunks; a chunk on the one missing member is
 * the XOR of its row's other data chunks and P, as raid5.c rebuilds it). Members are windows onto
 * the member devices from their data offsets; a missing member is null.
 */
final class MdDevice implements BlockDevice {
  /** The most bytes rebuilt from parity at once. */
  private static final int REBUILD_PIECE = 64 * 1024;

  private final Geometry g;
  private final BlockDevice[] members;
  private final String name;

  MdDevice(Geometry g, BlockDevice[] members, String name) {
    this.g = g;
    this.members = members.clone();
    this.name = name;
  }

  @Override
  public long size() {
    return g.size;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    long at = offset;
    while (dst.hasRemaining()) {
      int n = readPiece(at, dst);
      at += n;
    }
  }

  /** Reads the contiguous run of member bytes that starts at array byte {@code at}. */
  private int readPiece(long at, ByteBuffer dst) throws IOException {
    int want = dst.remaining();
    switch (g.level) {
      case Geometry.LINEAR: {
        long start = 0;
        for (int i = 0; i < g.disks; i++) {
          if (at < start + g.sizes[i]) {
            return read(i, at - start, (int) Math.min(want, start + g.sizes[i] - at), dst);
          }
          start += g.sizes[i];
        }
        throw new CorruptDataException(name + ": byte " + at + " lies on no member");
      }
      case 0: {
        long chunkNo = at / g.chunk;
        long within = at % g.chunk;
        return read((int) (chunkNo % g.disks), chunkNo / g.disks * g.chunk + within,
            (int) Math.min(want, g.chunk - within), dst);
      }
      case 10: {
        int len = (int) Math.min(want, g.chunk - at % g.chunk);
        for (int k = 0; k < g.near * g.far; k++) {
          long[] c = g.raid10Copy(at, k);
          if (members[(int) c[0]] != null) {
            return read((int) c[0], c[1], len, dst);
          }
        }
        throw new CorruptDataException(name + ": every copy of byte " + at + " is missing");
      }
      default: {
        long chunkNo = at / g.chunk;
        long within = at % g.chunk;
        int dataDisks = g.dataDisks();
        long row = chunkNo / dataDisks;
        Geometry.Stripe s = g.stripe(row, (int) (chunkNo % dataDisks));
        long memberAt = row * g.chunk + within;
        int len = (int) Math.min(want, g.chunk - within);
        if (members[s.data()] != null) {
          return read(s.data(), memberAt, len, dst);
        }
        return rebuild(s, memberAt, Math.min(len, REBUILD_PIECE), dst);
      }
    }
  }

  private int read(int member, long memberAt, int len, ByteBuffer dst) throws IOException {
    int limit = dst.limit();
    dst.limit(dst.position() + len);
    try {
      members[member].read(memberAt, dst);
    } finally {
      dst.limit(limit);
    }
    return len;
  }

  /** The missing data chunk's bytes: XOR of every other member of the row but Q. */
  private int rebuild(Geometry.Stripe s, long memberAt, int len, ByteBuffer dst) throws IOException {
    byte[] acc = new byte[len];
    ByteBuffer tmp = ByteBuffer.allocate(len);
    for (int i = 0; i < g.disks; i++) {
      if (i == s.data() || i == s.q()) {
        continue;
      }
      if (members[i] == null) {
        throw new CorruptDataException(name + ": the chunk at member byte " + memberAt
            + " and its parity are both missing");
      }
      tmp.clear();
      members[i].read(memberAt, tmp);
      byte[] b = tmp.array();
      for (int k = 0; k < len; k++) {
        acc[k] ^= b[k];
      }
    }
    dst.put(acc);
    return len;
  }
}
