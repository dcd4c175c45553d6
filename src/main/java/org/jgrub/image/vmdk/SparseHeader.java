package org.jgrub.image.vmdk;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The header of a hosted sparse extent (VMware "Virtual Disk Format 1.1", "Hosted Sparse Extent
 * Header"), little-endian: capacity and grain size in sectors, the grain directory, the embedded
 * descriptor. A streamOptimized extent writes the grain directory last and records its place in a
 * copy of the header near the end of the file (the footer), which then takes precedence.
 */
record SparseHeader(
    long capacity,
    long grainSize,
    int gtes,
    long gdOffset,
    long descriptorOffset,
    long descriptorSize,
    boolean compressed,
    boolean markers,
    boolean zeroedGrains) {

  static final String MAGIC = "KDMV";
  static final int OFF_VERSION = 4;
  static final int OFF_FLAGS = 8;
  static final int OFF_CAPACITY = 12;
  static final int OFF_GRAIN_SIZE = 20;
  static final int OFF_DESCRIPTOR_OFFSET = 28;
  static final int OFF_DESCRIPTOR_SIZE = 36;
  static final int OFF_GTES = 44;
  static final int OFF_GD_OFFSET = 56;
  static final int OFF_COMPRESS_ALGORITHM = 77;
  static final long GD_AT_END = -1L;
  static final int FLAG_ZEROED_GRAIN = 1 << 2;
  static final int FLAG_COMPRESSED = 1 << 16;
  static final int FLAG_MARKERS = 1 << 17;
  static final int COMPRESS_DEFLATE = 1;
  static final int MARKER_EOS = 0;
  static final int MARKER_FOOTER = 3;
  /** qemu's bound on grain table entries. */
  static final int MAX_GTES = 512;
  /** Capacity in sectors below 2^54, so that byte offsets stay within a long. */
  static final long MAX_CAPACITY = 1L << 54;

  static SparseHeader read(BlockDevice file, String name, Limits limits) throws IOException {
    ByteView h = ByteView.read(file, 0, 512, name + ": sparse extent header");
    SparseHeader s = parse(h, name, limits);
    if (s.gdOffset() != GD_AT_END) {
      return s;
    }
    // streamOptimized: footer marker, footer (the header again), end-of-stream marker.
    long size = file.size();
    if (size < 1536 + 512) {
      throw h.corrupt("grain directory at the end of a file too small for a footer");
    }
    ByteView m = ByteView.read(file, size - 1536, 1536, name + ": footer");
    if (m.u64le(0) != 0 || m.u32le(8) != 0 || m.u32le(12) != MARKER_FOOTER
        || m.u64le(1024) != 0 || m.u32le(1032) != 0 || m.u32le(1036) != MARKER_EOS) {
      throw m.corrupt("no footer marker and end-of-stream marker in the last three sectors");
    }
    ByteView f = m.slice(512, 512, name + ": footer");
    if (!new String(f.bytes(0, 4), java.nio.charset.StandardCharsets.ISO_8859_1).equals(MAGIC)) {
      throw f.corrupt("footer magic is not KDMV");
    }
    SparseHeader footer = parse(f, name, limits);
    if (footer.gdOffset() == GD_AT_END) {
      throw f.corrupt("the footer's grain directory is at the end too");
    }
    return footer;
  }

  private static SparseHeader parse(ByteView h, String name, Limits limits)
      throws IOException {
    long version = h.u32le(OFF_VERSION);
    if (version < 1 || version > 3) {
      throw new UnsupportedFeatureException(name + ": sparse extent version " + version);
    }
    long flags = h.u32le(OFF_FLAGS);
    boolean compressed = (flags & FLAG_COMPRESSED) != 0;
    if (compressed && h.u16le(OFF_COMPRESS_ALGORITHM) != COMPRESS_DEFLATE) {
      throw new UnsupportedFeatureException(name + ": compression algorithm "
          + h.u16le(OFF_COMPRESS_ALGORITHM) + " (jgrub reads deflate)");
    }
    long capacity = h.u64le(OFF_CAPACITY);
    if (capacity < 0 || capacity >= MAX_CAPACITY) {
      throw h.corrupt("capacity of " + Long.toUnsignedString(capacity) + " sectors");
    }
    long grain = h.u64le(OFF_GRAIN_SIZE);
    long maxGrain = limits.decompressedBlockBytes / 512;
    if (grain < 1 || grain > maxGrain) {
      throw h.corrupt("grain of " + Long.toUnsignedString(grain) + " sectors (1 to " + maxGrain
          + ")");
    }
    long gtes = h.u32le(OFF_GTES);
    if (gtes < 1 || gtes > MAX_GTES) {
      throw h.corrupt(gtes + " entries per grain table (1 to " + MAX_GTES + ")");
    }
    return new SparseHeader(capacity, grain, (int) gtes, h.u64le(OFF_GD_OFFSET),
        h.u64le(OFF_DESCRIPTOR_OFFSET), h.u64le(OFF_DESCRIPTOR_SIZE), compressed,
        (flags & FLAG_MARKERS) != 0, (flags & FLAG_ZEROED_GRAIN) != 0);
  }

  /** Checks that [sector*512, +bytes) lies inside the file; returns the byte offset. */
  static long place(BlockDevice file, long sector, long bytes, String name, String what)
      throws CorruptDataException {
    if (sector < 0 || sector > file.size() / 512 || bytes > file.size() - sector * 512) {
      throw new CorruptDataException(name + ": " + what + " at sector " + sector + " (+" + bytes
          + " bytes) lies outside the " + file.size() + "-byte file");
    }
    return sector * 512;
  }
}
