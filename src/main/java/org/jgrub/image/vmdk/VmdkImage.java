package org.jgrub.image.vmdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.compress.Codecs;
import org.jgrub.image.Backing;
import org.jgrub.image.Decode;
import org.jgrub.image.Images;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.RawLocation;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A VMDK read as its virtual disk: a hosted sparse extent (monolithicSparse: grain directory and
 * grain tables of sector offsets; streamOptimized: deflate-compressed grains behind markers, the
 * directory found through the footer), or a descriptor naming one flat extent file
 * (monolithicFlat), which is opened only under --backing-dir. Unallocated grains read as zeros;
 * images with a parent are refused.
 */
public final class VmdkImage implements BlockDevice {
  static final int GT_CACHE = 256;
  static final int MARKER_HEADER = 12;

  private final BlockDevice file;
  /** The disk as given (a flat extent's file has a name of its own). */
  private final String disk;
  private final String name;
  private final long size;
  // Sparse extents:
  private final SparseHeader h;
  private final long[] gd;
  private final int grainBytes;
  private final Codecs codecs = new Codecs();
  private final Map<Long, long[]> gtCache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> e) {
          return size() > GT_CACHE;
        }
      };
  private long cachedGrain = -1;
  private byte[] grainBuf;
  private byte[] compressedBuf;
  private int grainLen;
  // A flat extent: the extent file and the byte of it where the disk starts.
  private final long flatOffset;
  private final boolean flatToEnd;

  private VmdkImage(BlockDevice file, String disk, long size, SparseHeader h, long[] gd,
      long flatOffset, boolean flatToEnd) {
    this.file = file;
    this.disk = disk;
    this.name = "VMDK image " + disk;
    this.size = size;
    this.h = h;
    this.gd = gd;
    this.grainBytes = h == null ? 0 : (int) (h.grainSize() * 512);
    this.flatOffset = flatOffset;
    this.flatToEnd = flatToEnd;
  }

  /** A hosted sparse extent ("KDMV"), or an ESX one ("COWD"), refused when opened. */
  public static boolean matchesSparse(byte[] head) {
    return Images.startsWith(head, 0, SparseHeader.MAGIC) || Images.startsWith(head, 0, "COWD");
  }

  /** A text descriptor: its first line, in a file no larger than a config file may be. */
  public static boolean matchesDescriptor(byte[] head, long size, Limits limits) {
    return size <= limits.configFileBytes
        && Images.startsWith(head, 0, VmdkDescriptor.HEADER);
  }

  /** Opens a hosted sparse extent. Does not close {@code file} on failure. */
  public static VmdkImage openSparse(BlockDevice file, Path given, Backing backing)
      throws IOException {
    String name = "VMDK image " + file.describe();
    if (Images.startsWith(file.read(0, 4), 0, "COWD")) {
      throw new UnsupportedFeatureException(name + ": ESX sparse extent (COWD); jgrub reads"
          + " hosted sparse, streamOptimized and flat VMDKs");
    }
    SparseHeader h = SparseHeader.read(file, name, backing.limits());
    if (h.descriptorOffset() > 0 && h.descriptorSize() > 0) {
      long bytes = Math.min(h.descriptorSize(), backing.limits().configFileBytes / 512) * 512;
      long at = SparseHeader.place(file, h.descriptorOffset(), bytes, name, "embedded descriptor");
      String text = new String(file.read(at, (int) bytes), StandardCharsets.UTF_8);
      int nul = text.indexOf('\0');
      VmdkDescriptor d = VmdkDescriptor.parse(nul >= 0 ? text.substring(0, nul) : text, name);
      refuseParent(d, name);
    }
    long perTable = h.grainSize() * h.gtes();
    long tables = (h.capacity() + perTable - 1) / perTable;
    Limits.check(tables * 4, backing.limits().metadataBytes, name + ": grain directory bytes");
    long at = SparseHeader.place(file, h.gdOffset(), tables * 4, name, "grain directory");
    ByteView v = ByteView.read(file, at, (int) (tables * 4), name + ": grain directory");
    long[] gd = new long[(int) tables];
    for (int i = 0; i < gd.length; i++) {
      gd[i] = v.u32le(i * 4);
    }
    return new VmdkImage(file, file.describe(), h.capacity() * 512, h, gd, 0, false);
  }

  private static void refuseParent(VmdkDescriptor d, String name)
      throws UnsupportedFeatureException {
    if (d.hasParent()) {
      throw new UnsupportedFeatureException(name + " has a parent '"
          + (d.parentHint() == null ? "CID " + d.parentCid() : d.parentHint())
          + "'; VMDK images with a parent are not supported yet");
    }
  }

  /**
   * Opens a descriptor file naming one flat extent. The descriptor is closed once read; the
   * extent file becomes the device.
   */
  public static VmdkImage openDescriptor(BlockDevice file, Path given, Backing backing)
      throws IOException {
    String name = "VMDK image " + file.describe();
    VmdkDescriptor d = VmdkDescriptor.parse(
        new String(file.read(0, (int) file.size()), StandardCharsets.UTF_8), name);
    refuseParent(d, name);
    if (d.extents().size() != 1) {
      throw new UnsupportedFeatureException(name + ": " + d.extents().size() + " extents ("
          + d.createType() + "); jgrub reads a descriptor with one flat extent");
    }
    VmdkDescriptor.Extent e = d.extents().get(0);
    if (!e.type().equals("FLAT") && !e.type().equals("VMFS")) {
      throw new UnsupportedFeatureException(name + ": extent of type " + e.type() + " ("
          + d.createType() + "); jgrub reads a descriptor with one flat extent");
    }
    Backing.Resolved r = backing.resolve("VMDK image", file.describe(), "extent file", e.file(),
        Images.baseOf(given));
    RawImage extent = RawImage.open(r.real(), r.given().toString());
    try {
      long off = e.offset() * 512;
      long bytes = e.sectors() * 512;
      if (off > extent.size() || bytes > extent.size() - off) {
        throw new CorruptDataException(name + ": extent '" + e.file() + "' of " + bytes
            + " bytes at byte " + off + " does not fit its " + extent.size() + "-byte file");
      }
      String disk = file.describe();
      file.close();
      return new VmdkImage(extent, disk, bytes, null, null, off, off + bytes == extent.size());
    } catch (IOException | RuntimeException ex) {
      extent.close();
      throw ex;
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String describe() {
    return disk;
  }

  /**
   * A flat extent's bytes lie in its file: handed to the copy only when the disk runs to the end
   * of the file, so that nothing past the disk can be read through it.
   */
  @Override
  public RawLocation rawLocation() {
    if (h != null || !flatToEnd) {
      return null;
    }
    RawLocation f = file.rawLocation();
    return f == null ? null : new RawLocation(f.channel(), f.offset() + flatOffset);
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    if (h == null) {
      file.read(flatOffset + offset, dst);
      return;
    }
    long at = offset;
    while (dst.hasRemaining()) {
      int inGrain = (int) (at % grainBytes);
      int n = Math.min(dst.remaining(), grainBytes - inGrain);
      readInGrain(at / grainBytes, inGrain, n, dst);
      at += n;
    }
  }

  private void readInGrain(long grain, int inGrain, int n, ByteBuffer dst) throws IOException {
    long gte = lookup(grain);
    if (gte == 0 || (gte == 1 && h.zeroedGrains())) {
      for (int i = 0; i < n; i++) {
        dst.put((byte) 0);
      }
      return;
    }
    if (h.compressed()) {
      readCompressed(grain, gte, inGrain, n, dst);
      return;
    }
    long at = SparseHeader.place(file, gte, grainBytes, name, "grain " + grain);
    file.read(at + inGrain, dst.slice(dst.position(), n));
    dst.position(dst.position() + n);
  }

  /** The grain table entry of {@code grain}: 0 unallocated, 1 zero (when flagged), or a sector. */
  private synchronized long lookup(long grain) throws IOException {
    long table = grain / h.gtes();
    int index = (int) (grain % h.gtes());
    if (table >= gd.length || gd[(int) table] == 0) {
      return 0;
    }
    long sector = gd[(int) table];
    long[] gt = gtCache.get(sector);
    if (gt == null) {
      long at = SparseHeader.place(file, sector, h.gtes() * 4L, name, "grain table " + table);
      ByteView v = ByteView.read(file, at, h.gtes() * 4, name + ": grain table " + table);
      gt = new long[h.gtes()];
      for (int i = 0; i < gt.length; i++) {
        gt[i] = v.u32le(i * 4);
      }
      gtCache.put(sector, gt);
    }
    return gt[index];
  }

  /**
   * A compressed grain (streamOptimized): a marker (the grain's sector, u64; the data's length,
   * u32) then a zlib stream of at most two grains, as qemu bounds it, inflating to at most a
   * grain. Without markers the data starts at the sector and runs for a grain.
   */
  private synchronized void readCompressed(long grain, long gte, int inGrain, int n,
      ByteBuffer dst) throws IOException {
    if (cachedGrain != gte) {
      cachedGrain = -1;
      long at = SparseHeader.place(file, gte, h.markers() ? MARKER_HEADER : 1, name,
          "compressed grain " + grain);
      long start = at;
      long len = grainBytes;
      if (h.markers()) {
        ByteView m = ByteView.read(file, at, MARKER_HEADER, name + ": grain marker " + grain);
        len = m.u32le(8);
        if (len == 0 || len > 2L * grainBytes) {
          throw m.corrupt("compressed grain " + grain + " of " + len + " bytes (1 to "
              + 2L * grainBytes + ")");
        }
        start = at + MARKER_HEADER;
      }
      int take = (int) Math.min(len, file.size() - start);
      if (compressedBuf == null || compressedBuf.length < take) {
        compressedBuf = new byte[take];
      }
      if (grainBuf == null) {
        grainBuf = new byte[grainBytes];
      }
      file.read(start, ByteBuffer.wrap(compressedBuf, 0, take));
      grainLen = Decode.inflate(codecs, false, compressedBuf, take, grainBuf,
          name + ": compressed grain " + grain + " at byte 0x" + Long.toHexString(at));
      cachedGrain = gte;
    }
    if (inGrain + n > grainLen) {
      throw new CorruptDataException(name + ": compressed grain " + grain + " holds "
          + grainLen + " bytes, read up to " + (inGrain + n));
    }
    dst.put(grainBuf, inGrain, n);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
