package org.jgrub.image.qcow2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A qcow2 header (qemu docs/interop/qcow2.txt, "Header"), versions 2 and 3, checked field by field
 * before anything is read through it. Big-endian. Snapshots and refcounts are not read: the
 * active L1 table is the disk as it is now, and nothing is allocated.
 */
record Qcow2Header(
    int version,
    int clusterBits,
    long size,
    int l1Size,
    long l1Offset,
    boolean extendedL2,
    boolean zstd,
    String backingFile,
    String backingFormat) {

  static final int MAGIC = 0x514649fb; // "QFI\xfb"
  static final int OFF_VERSION = 4;
  static final int OFF_BACKING_OFFSET = 8;
  static final int OFF_BACKING_SIZE = 16;
  static final int OFF_CLUSTER_BITS = 20;
  static final int OFF_SIZE = 24;
  static final int OFF_CRYPT = 32;
  static final int OFF_L1_SIZE = 36;
  static final int OFF_L1_OFFSET = 40;
  static final int OFF_INCOMPAT = 72;
  static final int OFF_HEADER_LENGTH = 100;
  static final int OFF_COMPRESSION = 104;
  static final int V2_LENGTH = 72;
  static final int V3_LENGTH = 104;

  static final int MIN_CLUSTER_BITS = 9;
  static final int MAX_CLUSTER_BITS = 21;
  /** qemu's own bound on the L1 table (QCOW_MAX_L1_SIZE), 32 MiB. */
  static final long MAX_L1_BYTES = 32L << 20;
  /** qemu's bound on a backing file name. */
  static final int MAX_BACKING_NAME = 1023;

  // Incompatible feature bits (header byte 72): all but these make the image unreadable here.
  static final long INCOMPAT_DIRTY = 1;
  static final long INCOMPAT_CORRUPT = 1 << 1;
  static final long INCOMPAT_DATA_FILE = 1 << 2;
  static final long INCOMPAT_COMPRESSION = 1 << 3;
  static final long INCOMPAT_EXTL2 = 1 << 4;

  // Header extensions.
  static final long EXT_END = 0;
  static final long EXT_BACKING_FORMAT = 0xe2792acaL;
  static final long EXT_CRYPTO = 0x0537be77L;
  static final long EXT_DATA_FILE = 0x44415441L;

  static Qcow2Header read(BlockDevice file, Limits limits) throws IOException {
    String name = "qcow2 image " + file.describe();
    ByteView h = ByteView.read(file, 0, (int) Math.min(file.size(), V3_LENGTH + 8), name + ": header");
    int version = (int) h.u32be(OFF_VERSION);
    if (version == 1) {
      throw new UnsupportedFeatureException(name + ": qcow version 1 images are not supported"
          + " (convert with qemu-img convert -O qcow2)");
    }
    if (version != 2 && version != 3) {
      throw new UnsupportedFeatureException(name + ": qcow2 version " + version);
    }
    long bits = h.u32be(OFF_CLUSTER_BITS);
    if (bits < MIN_CLUSTER_BITS || bits > MAX_CLUSTER_BITS) {
      throw h.corrupt("cluster_bits " + bits + " outside 9..21");
    }
    int cb = (int) bits;
    long clusterSize = 1L << cb;
    long crypt = h.u32be(OFF_CRYPT);
    if (crypt != 0) {
      throw new UnsupportedFeatureException(name + ": encrypted ("
          + (crypt == 1 ? "AES" : crypt == 2 ? "LUKS" : "method " + crypt)
          + "); jgrub does not read encrypted images");
    }
    long size = h.u64be(OFF_SIZE);
    if (size < 0) {
      throw h.corrupt("virtual size " + Long.toUnsignedString(size) + " too large");
    }
    long incompat = 0;
    int headerLength = V2_LENGTH;
    int compression = 0;
    if (version == 3) {
      incompat = h.u64be(OFF_INCOMPAT);
      long hl = h.u32be(OFF_HEADER_LENGTH);
      if (hl < V3_LENGTH || hl % 8 != 0 || hl > clusterSize) {
        throw h.corrupt("header_length " + hl + " (must be 104 or more, a multiple of 8, within"
            + " the first cluster)");
      }
      headerLength = (int) hl;
      if (headerLength > V3_LENGTH) {
        compression = h.u8(OFF_COMPRESSION);
      }
    }
    checkIncompatible(incompat, name);
    boolean extL2 = (incompat & INCOMPAT_EXTL2) != 0;
    if ((incompat & INCOMPAT_COMPRESSION) == 0 && compression != 0) {
      throw h.corrupt("compression_type " + compression + " without the compression type feature");
    }
    if (compression > 1) {
      throw new UnsupportedFeatureException(name + ": compression type " + compression
          + " (jgrub reads 0 zlib and 1 zstd)");
    }
    if (extL2 && cb < 14) {
      throw h.corrupt("extended L2 entries with clusters of " + clusterSize + " bytes (less than 16"
          + " KiB)");
    }

    // L1: one entry per L2 table; each table maps a cluster of entries (8 or, extended, 16 bytes).
    int entryBits = extL2 ? 4 : 3;
    int l2Bits = cb - entryBits;
    long l1Size = h.u32be(OFF_L1_SIZE);
    long perL1 = 1L << (cb + l2Bits); // bytes mapped by one L1 entry, at most 2^(21+18)
    long need = size == 0 ? 0 : (size - 1) / perL1 + 1;
    if (l1Size < need) {
      throw h.corrupt("L1 table of " + l1Size + " entries is too small for a virtual size of "
          + size + " bytes (" + need + " needed)");
    }
    if (l1Size * 8 > MAX_L1_BYTES) {
      throw h.corrupt("L1 table of " + l1Size + " entries exceeds qemu's bound of "
          + MAX_L1_BYTES / 8);
    }
    Limits.check(l1Size * 8, limits.metadataBytes, name + ": L1 table bytes");
    long l1Offset = h.u64be(OFF_L1_OFFSET);
    if (l1Size > 0) {
      checkTable(file, l1Offset, l1Size * 8, clusterSize, name, "L1 table");
    }

    // The rest of the first cluster: header extensions, then the backing file name.
    int firstLen = (int) Math.min(clusterSize, file.size());
    ByteView first = ByteView.read(file, 0, firstLen, name + ": first cluster");
    String backingFormat = null;
    int p = headerLength;
    // Each extension advances by at least 8 bytes within one cluster: the loop is bounded.
    while (p + 8 <= firstLen) {
      long type = first.u32be(p);
      long len = first.u32be(p + 4);
      if (type == EXT_END) {
        break;
      }
      long padded = (len + 7) & ~7L;
      if (len > firstLen || p + 8 + padded > firstLen) {
        throw first.corrupt("header extension 0x" + Long.toHexString(type) + " of " + len
            + " bytes at offset " + p + " runs past the first cluster");
      }
      if (type == EXT_BACKING_FORMAT) {
        backingFormat = first.string(p + 8, (int) len, StandardCharsets.UTF_8);
      } else if (type == EXT_DATA_FILE) {
        throw new UnsupportedFeatureException(name + ": data in an external data file '"
            + first.string(p + 8, (int) len, StandardCharsets.UTF_8)
            + "'; jgrub does not read external data files");
      } else if (type == EXT_CRYPTO) {
        throw new UnsupportedFeatureException(name + ": encryption header; jgrub does not read"
            + " encrypted images");
      }
      p += 8 + (int) padded;
    }

    String backing = null;
    long bOff = h.u64be(OFF_BACKING_OFFSET);
    long bLen = h.u32be(OFF_BACKING_SIZE);
    if (bOff != 0 && bLen != 0) {
      if (bLen > MAX_BACKING_NAME || bOff < 0 || bOff + bLen > firstLen) {
        throw h.corrupt("backing file name at offset " + bOff + " (+" + bLen + ") outside the"
            + " first cluster");
      }
      backing = first.string((int) bOff, (int) bLen, StandardCharsets.UTF_8);
    }
    return new Qcow2Header(version, cb, size, (int) l1Size, l1Offset, extL2, compression == 1,
        backing, backingFormat);
  }

  /** Refuses every incompatible feature bit jgrub does not handle, by name. */
  private static void checkIncompatible(long incompat, String name)
      throws UnsupportedFeatureException {
    if ((incompat & INCOMPAT_CORRUPT) != 0) {
      throw new UnsupportedFeatureException(name + ": marked corrupt by qemu (incompatible"
          + " feature bit 1); repair it with qemu-img check -r all");
    }
    if ((incompat & INCOMPAT_DATA_FILE) != 0) {
      throw new UnsupportedFeatureException(name + ": data in an external data file"
          + " (incompatible feature bit 2); jgrub does not read external data files");
    }
    // Bit 0, dirty: refcounts may be stale after a crash; a reader uses none of them.
    long known = INCOMPAT_DIRTY | INCOMPAT_COMPRESSION | INCOMPAT_EXTL2;
    long unknown = incompat & ~known;
    if (unknown != 0) {
      throw new UnsupportedFeatureException(name + ": unknown incompatible feature bits 0x"
          + Long.toHexString(unknown));
    }
  }

  /** Checks that a table is cluster-aligned and lies inside the image file. */
  static void checkTable(BlockDevice file, long offset, long bytes, long clusterSize, String name,
      String what) throws CorruptDataException {
    if (offset <= 0 || (offset & (clusterSize - 1)) != 0) {
      throw new CorruptDataException(name + ": " + what + " offset 0x" + Long.toHexString(offset)
          + " is not a cluster boundary");
    }
    if (offset > file.size() || bytes > file.size() - offset) {
      throw new CorruptDataException(name + ": " + what + " at byte 0x" + Long.toHexString(offset)
          + " (+" + bytes + ") lies outside the " + file.size() + "-byte file");
    }
  }
}
