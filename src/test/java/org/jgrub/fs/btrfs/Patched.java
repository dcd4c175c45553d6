package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.jgrub.io.BlockDevice;

/** A real image with a few bytes damaged in memory, plus btrfs checksum helpers for tests. */
final class Patched implements BlockDevice {
  private final BlockDevice base;
  private final List<Long> at = new ArrayList<>();
  private final List<byte[]> bytes = new ArrayList<>();

  Patched(BlockDevice base) {
    this.base = base;
  }

  Patched patch(long offset, byte[] b) {
    at.add(offset);
    bytes.add(b.clone());
    return this;
  }

  @Override
  public long size() {
    return base.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    int start = dst.position();
    int len = dst.remaining();
    base.read(offset, dst);
    for (int i = 0; i < at.size(); i++) {
      byte[] b = bytes.get(i);
      for (int k = 0; k < b.length; k++) {
        long o = at.get(i) + k - offset;
        if (o >= 0 && o < len) {
          dst.put(start + (int) o, b[k]);
        }
      }
    }
  }

  @Override
  public String describe() {
    return "patched " + base.describe();
  }

  /** Rewrites the crc32c (or xxhash64) of a block or superblock so only the damage remains. */
  static byte[] fixCsum(byte[] block, int csumType) {
    for (int i = 0; i < 32; i++) {
      block[i] = 0;
    }
    long v;
    int n;
    if (csumType == BtrfsChecksum.CRC32C) {
      CRC32C c = new CRC32C();
      c.update(block, 32, block.length - 32);
      v = c.getValue();
      n = 4;
    } else if (csumType == BtrfsChecksum.XXHASH64) {
      v = XxHash64.hash(block, 32, block.length - 32, 0);
      n = 8;
    } else {
      try {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(block, 32, block.length - 32);
        System.arraycopy(md.digest(), 0, block, 0, 32);
        return block;
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
    for (int i = 0; i < n; i++) {
      block[i] = (byte) (v >>> (8 * i));
    }
    return block;
  }

  static void putLe(byte[] b, int off, long v, int n) {
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
