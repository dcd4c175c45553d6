package org.jgrub.image.vhd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.image.Backing;
import org.jgrub.image.Images;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.RawLocation;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A VHD (Virtual PC, Hyper-V, XenServer) read as its virtual disk. Fixed: the data, then the
 * footer. Dynamic: a block allocation table (BAT) of sector offsets, each allocated block a sector
 * bitmap then the data; unallocated blocks and sectors whose bit is clear read as zeros.
 * Differencing: the same, except that those come from the parent, found through the parent
 * locators and opened only under --backing-dir.
 */
public final class VhdImage implements BlockDevice {
  static final String DYNAMIC_COOKIE = "cxsparse";
  static final int DYNAMIC_LENGTH = 1024;
  static final int OFF_TABLE_OFFSET = 16;
  static final int OFF_MAX_ENTRIES = 28;
  static final int OFF_BLOCK_SIZE = 32;
  static final int OFF_DYN_CHECKSUM = 36;
  static final int OFF_PARENT_ID = 40;
  static final int OFF_PARENT_NAME = 64;
  static final int PARENT_NAME_LENGTH = 512;
  static final int OFF_LOCATORS = 576;
  static final int LOCATOR_LENGTH = 24;
  static final int LOCATORS = 8;
  static final long UNALLOCATED = 0xffffffffL;
  static final int MAX_BLOCK_SIZE = 256 << 20;
  static final int MAX_LOCATOR_BYTES = 64 << 10;
  static final int BITMAP_CACHE = 256;
  static final int PLATFORM_MACX = 0x4d616358; // "MacX": a file URL, UTF-8
  static final int PLATFORM_W2RU = 0x57327275; // "W2ru": a relative Windows path, UTF-16LE
  /** "W2ku": an absolute Windows path, UTF-16LE; Xen Orchestra writes the relative one there. */
  static final int PLATFORM_W2KU = 0x57326b75;

  private final BlockDevice file;
  private final String name;
  private final VhdFooter footer;
  private final long[] bat;
  private final int blockSize;
  private final int bitmapBytes;
  private final boolean differencing;
  private final BlockDevice parent;
  private final Map<Long, byte[]> bitmaps =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> e) {
          return size() > BITMAP_CACHE;
        }
      };

  private VhdImage(BlockDevice file, VhdFooter footer, long[] bat, int blockSize,
      BlockDevice parent) {
    this.file = file;
    this.name = "VHD image " + file.describe();
    this.footer = footer;
    this.bat = bat;
    this.blockSize = blockSize;
    this.bitmapBytes = (int) (((long) blockSize / 512 / 8 + 511) / 512 * 512);
    this.differencing = footer.type() == VhdFooter.TYPE_DIFFERENCING;
    this.parent = parent;
  }

  /** A dynamic or differencing VHD: the footer's copy at byte 0. */
  public static boolean matchesHeader(byte[] head) {
    return Images.startsWith(head, 0, VhdFooter.COOKIE);
  }

  /** A fixed VHD: the footer in the last sector. */
  public static boolean matchesFooter(byte[] last) {
    return Images.startsWith(last, 0, VhdFooter.COOKIE);
  }

  /**
   * Opens the VHD in {@code file}, whose footer is at byte 0 ({@code atStart}) or in its last
   * sector. Does not close {@code file} on failure.
   */
  public static VhdImage open(BlockDevice file, Path given, Backing backing, boolean atStart)
      throws IOException {
    String name = "VHD image " + file.describe();
    long at = atStart ? 0 : file.size() - VhdFooter.LENGTH;
    VhdFooter f = VhdFooter.parse(
        ByteView.read(file, at, VhdFooter.LENGTH, name + ": footer"), name);
    if (f.type() == VhdFooter.TYPE_FIXED) {
      if (atStart) {
        // A fixed disk keeps its footer only at the end; byte 0 is the guest's.
        if (file.size() < 2 * VhdFooter.LENGTH
            || !matchesFooter(file.read(file.size() - VhdFooter.LENGTH, 8))) {
          throw new CorruptDataException(name + ": a fixed-disk footer at byte 0 and none at the"
              + " end");
        }
        return open(file, given, backing, false);
      }
      if (f.size() > file.size() - VhdFooter.LENGTH) {
        throw new CorruptDataException(name + ": fixed disk of " + f.size() + " bytes in a "
            + file.size() + "-byte file");
      }
      return new VhdImage(file, f, null, 0, null);
    }
    if (!atStart) {
      throw new CorruptDataException(name + ": the footer at the end says dynamic, but byte 0"
          + " holds no copy of it");
    }
    ByteView d = ByteView.read(file, checkOffset(file, f.dataOffset(), DYNAMIC_LENGTH, name,
        "dynamic disk header"), DYNAMIC_LENGTH, name + ": dynamic disk header");
    if (!Images.startsWith(d.bytes(0, 8), 0, DYNAMIC_COOKIE)) {
      throw d.corrupt("cookie is not \"cxsparse\"");
    }
    long sum = VhdFooter.checksum(d, OFF_DYN_CHECKSUM);
    if (sum != d.u32be(OFF_DYN_CHECKSUM)) {
      throw d.corrupt("checksum 0x" + Long.toHexString(d.u32be(OFF_DYN_CHECKSUM)) + ", computed 0x"
          + Long.toHexString(sum));
    }
    long block = d.u32be(OFF_BLOCK_SIZE);
    if (block < 512 || block > MAX_BLOCK_SIZE || Long.bitCount(block) != 1) {
      throw d.corrupt("block size " + block + " (a power of two from 512 to 256 MiB)");
    }
    long entries = d.u32be(OFF_MAX_ENTRIES);
    long need = (f.size() + block - 1) / block;
    if (entries < need) {
      throw d.corrupt("block table of " + entries + " entries is too small for " + f.size()
          + " bytes (" + need + " blocks)");
    }
    Limits.check(entries * 4, backing.limits().metadataBytes, name + ": block table bytes");
    long tableOff = checkOffset(file, d.u64be(OFF_TABLE_OFFSET), entries * 4, name,
        "block allocation table");
    ByteView t = ByteView.read(file, tableOff, (int) (need * 4), name + ": block allocation table");
    long[] bat = new long[(int) need];
    for (int i = 0; i < bat.length; i++) {
      bat[i] = t.u32be(i * 4);
    }
    BlockDevice parent = null;
    if (f.type() == VhdFooter.TYPE_DIFFERENCING) {
      parent = openParent(file, given, backing, d, name);
    }
    return new VhdImage(file, f, bat, (int) block, parent);
  }

  private static long checkOffset(BlockDevice file, long off, long len, String name, String what)
      throws CorruptDataException {
    if (off < 0 || off > file.size() || len > file.size() - off) {
      throw new CorruptDataException(name + ": " + what + " at byte 0x" + Long.toHexString(off)
          + " (+" + len + ") lies outside the " + file.size() + "-byte file");
    }
    return off;
  }

  /**
   * The parent of a differencing disk: the first usable parent locator (a file URL, or a Windows
   * path, relative or absolute), checked against --backing-dir; it must be a VHD with the unique id
   * recorded.
   */
  private static BlockDevice openParent(BlockDevice file, Path given, Backing backing, ByteView d,
      String name) throws IOException {
    String parentName = d.string(OFF_PARENT_NAME, PARENT_NAME_LENGTH, StandardCharsets.UTF_16BE);
    int nul = parentName.indexOf('\0');
    parentName = nul >= 0 ? parentName.substring(0, nul) : parentName;
    String path = null;
    for (int i = 0; i < LOCATORS && path == null; i++) {
      int o = OFF_LOCATORS + i * LOCATOR_LENGTH;
      int code = d.s32be(o);
      long len = d.u32be(o + 8);
      long off = d.u64be(o + 16);
      if ((code != PLATFORM_MACX && code != PLATFORM_W2RU && code != PLATFORM_W2KU) || len == 0) {
        continue;
      }
      if (len > MAX_LOCATOR_BYTES) {
        throw d.corrupt("parent locator " + i + " of " + len + " bytes");
      }
      byte[] b = file.read(checkOffset(file, off, len, name, "parent locator " + i), (int) len);
      if (code == PLATFORM_MACX) {
        String url = new String(b, StandardCharsets.UTF_8).replace("\0", "");
        path = url.startsWith("file://") ? url.substring("file://".length()) : url;
      } else {
        path = new String(b, StandardCharsets.UTF_16LE).replace("\0", "").replace('\\', '/');
      }
    }
    if (path == null) {
      throw new UnsupportedFeatureException(name + " has a parent '" + parentName
          + "' with no file URL or Windows path locator");
    }
    BlockDevice p = backing.open("VHD image", file.describe(), "parent", path,
        Images.baseOf(given), Images.VHD);
    byte[] want = d.bytes(OFF_PARENT_ID, 16);
    if (!Arrays.equals(want, ((VhdImage) p).footer.uniqueId())) {
      p.close();
      throw new CorruptDataException(name + ": parent '" + path + "' is not the VHD it was made"
          + " from (unique id differs)");
    }
    return p;
  }

  @Override
  public long size() {
    return footer.size();
  }

  @Override
  public String describe() {
    return file.describe();
  }

  /** A fixed disk's bytes lie in the file from byte 0, checked to fit before the footer. */
  @Override
  public RawLocation rawLocation() {
    return bat == null ? file.rawLocation() : null;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    if (bat == null) {
      file.read(offset, dst);
      return;
    }
    long at = offset;
    while (dst.hasRemaining()) {
      long block = at / blockSize;
      int inBlock = (int) (at % blockSize);
      int n = Math.min(dst.remaining(), blockSize - inBlock);
      readInBlock(at, (int) block, inBlock, n, dst);
      at += n;
    }
  }

  private void readInBlock(long at, int block, int inBlock, int n, ByteBuffer dst)
      throws IOException {
    long sector = bat[block];
    if (sector == UNALLOCATED) {
      absent(at, n, dst);
      return;
    }
    long bitmapAt = sector * 512;
    long dataAt = bitmapAt + bitmapBytes;
    if (dataAt + inBlock + n > file.size()) {
      throw new CorruptDataException(name + ": BAT entry " + block + " points to sector "
          + sector + " (byte 0x" + Long.toHexString(bitmapAt) + "), past the end of the "
          + file.size() + "-byte file");
    }
    byte[] bitmap = bitmap(bitmapAt);
    int done = 0;
    while (done < n) {
      // A run of sectors with the same bit: present in this file, or not.
      int s = (inBlock + done) / 512;
      boolean present = (bitmap[s >>> 3] >>> (7 - (s & 7)) & 1) != 0;
      int end = done;
      while (end < n) {
        int t = (inBlock + end) / 512;
        if (((bitmap[t >>> 3] >>> (7 - (t & 7)) & 1) != 0) != present) {
          break;
        }
        end = Math.min(n, (t + 1) * 512 - inBlock);
      }
      int len = end - done;
      if (present) {
        file.read(dataAt + inBlock + done, dst.slice(dst.position(), len));
        dst.position(dst.position() + len);
      } else {
        absent(at + done, len, dst);
      }
      done = end;
    }
  }

  private synchronized byte[] bitmap(long at) throws IOException {
    byte[] b = bitmaps.get(at);
    if (b == null) {
      b = file.read(at, bitmapBytes);
      bitmaps.put(at, b);
    }
    return b;
  }

  /** Sectors this file does not hold: the parent's, or zeros. */
  private void absent(long at, int len, ByteBuffer dst) throws IOException {
    int have = 0;
    if (differencing) {
      have = (int) Math.max(0, Math.min(len, parent.size() - at));
      if (have > 0) {
        parent.read(at, dst.slice(dst.position(), have));
        dst.position(dst.position() + have);
      }
    }
    for (int i = have; i < len; i++) {
      dst.put((byte) 0);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (parent != null) {
        parent.close();
      }
    } finally {
      file.close();
    }
  }
}
