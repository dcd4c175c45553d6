package org.jgrub.grubcore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.tukaani.xz.LZMAInputStream;

/**
 * A GRUB 2 i386-pc install, read as the BIOS boots it. boot.img in the disk's first sector holds
 * the sector of the core image's first sector ({@code GRUB_BOOT_MACHINE_KERNEL_SECTOR}, 0x5c, in
 * grub-core/boot/i386/pc/boot.S); that sector is diskboot.img, whose blocklists (12 bytes each,
 * from the end of the sector backwards: start sector u64, sector count u16, segment u16) name the
 * rest. The rest begins with lzma_decompress.img (startup_raw.S): the compressed size at 0x08, the
 * uncompressed size at 0x0c, the Reed-Solomon redundancy at 0x10; the kernel and its module area
 * follow it, compressed as raw LZMA with lc=3, lp=0, pb=2 and a 64 KiB dictionary (util/mkimage.c
 * compress_kernel_lzma; startup_raw.S decodes them with those constants).
 */
public final class BiosCore {
  static final int SECTOR = 512;
  static final int KERNEL_SECTOR = 0x5c;
  static final int LIST_SIZE = 12;
  static final int COMPRESSED_SIZE = 0x08;
  static final int UNCOMPRESSED_SIZE = 0x0c;
  static final int REDUNDANCY = 0x10;
  static final int NO_RS_LENGTH = 0x14;
  /** GRUB_DECOMPRESSOR_I386_PC_MAX_DECOMPRESSOR_SIZE: lzma_decompress.img is at most this. */
  static final int MAX_DECOMPRESSOR = 0x9000 - 0x8200;
  /**
   * The most core image bytes read (mkimage refuses a core above 0x78000 - 0x9000 = 444 KiB,
   * since it must fit in conventional memory) and the most decompressed (the kernel and modules
   * run below 0x68000 - 0x9000; 1 MiB leaves room, and bounds a decompression bomb).
   */
  static final int MAX_CORE = 512 * 1024;
  static final int MAX_UNCOMPRESSED = 1024 * 1024;
  /** The most decompressor sizes tried when the image does not pin it down (see {@link #start}). */
  static final int MAX_TRIES = 32;
  /** (pb * 5 + lp) * 9 + lc for pb=2, lp=0, lc=3. */
  private static final byte LZMA_PROPS = (byte) ((2 * 5 + 0) * 9 + 3);
  private static final int LZMA_DICT = 1 << 16;

  private BiosCore() {}

  /**
   * The prefix and config of the GRUB core image the disk's boot sector loads; empty when the
   * boot sector is not GRUB 2's boot.img. A damaged core image throws.
   */
  public static Optional<Embedded> read(BlockDevice disk) throws IOException {
    if (disk.size() < SECTOR) {
      return Optional.empty();
    }
    ByteView mbr = ByteView.read(disk, 0, SECTOR, "boot sector");
    if (!isGrubBootImg(mbr)) {
      return Optional.empty();
    }
    long first = mbr.u64le(KERNEL_SECTOR);
    String where = "GRUB core image at sector " + Long.toUnsignedString(first);
    if (first <= 0 || first >= disk.size() / SECTOR) {
      throw new CorruptDataException(
          "boot sector: GRUB's core image sector " + Long.toUnsignedString(first)
              + " lies outside the disk (" + disk.size() / SECTOR + " sectors)");
    }
    byte[] core = load(disk, first, where);
    return Optional.of(decode(ByteView.of(core, where, -1), where));
  }

  /**
   * boot.img: a short jump over the BIOS parameter block (EB 63 90 since GRUB 1.96) and the
   * messages it prints ("GRUB " before "Geom", "Hard Disk", "Read", " Error").
   */
  static boolean isGrubBootImg(ByteView mbr) throws CorruptDataException {
    if (mbr.u8(0) != 0xeb || mbr.u16le(0x1fe) != 0xaa55) {
      return false;
    }
    String text = mbr.string(0x60, 0x1b8 - 0x60, StandardCharsets.ISO_8859_1);
    return text.contains("GRUB \0Geom\0Hard Disk\0Read\0 Error");
  }

  /** The core image's sectors: diskboot.img, then what its blocklists name, in order. */
  static byte[] load(BlockDevice disk, long first, String where) throws IOException {
    ByteView boot = ByteView.read(disk, first * SECTOR, SECTOR, where + " (diskboot)");
    long total = SECTOR;
    int lists = 0;
    // Sum first: the sector counts bound what is read, before anything is allocated.
    for (int at = SECTOR - LIST_SIZE; at >= 0x10; at -= LIST_SIZE) {
      int len = boot.u16le(at + 8);
      if (len == 0) {
        break;
      }
      total += (long) len * SECTOR;
      lists++;
      if (total > MAX_CORE) {
        throw new CorruptDataException(
            where + ": blocklists name " + total / SECTOR + " sectors (at most " + MAX_CORE / SECTOR
                + " for a core image)");
      }
    }
    if (lists == 0) {
      throw new CorruptDataException(where + ": diskboot.img names no sectors after itself");
    }
    byte[] core = new byte[(int) total];
    System.arraycopy(boot.bytes(0, SECTOR), 0, core, 0, SECTOR);
    int pos = SECTOR;
    for (int i = 0, at = SECTOR - LIST_SIZE; i < lists; i++, at -= LIST_SIZE) {
      long start = boot.u64le(at);
      int len = boot.u16le(at + 8);
      if (start <= 0 || start > (disk.size() - (long) len * SECTOR) / SECTOR) {
        throw new CorruptDataException(
            where + ": blocklist " + i + " (sector " + Long.toUnsignedString(start) + ", " + len
                + " sectors) lies outside the disk");
      }
      disk.read(start * SECTOR, java.nio.ByteBuffer.wrap(core, pos, len * SECTOR));
      pos += len * SECTOR;
    }
    return core;
  }

  /** The decompressor's header, the LZMA stream after it, the module area in the result. */
  static Embedded decode(ByteView core, String where) throws IOException {
    ByteView head = core.slice(SECTOR, core.length() - SECTOR, where);
    long compressed = head.u32le(COMPRESSED_SIZE);
    long uncompressed = head.u32le(UNCOMPRESSED_SIZE);
    long redundancy = head.u32le(REDUNDANCY);
    int rsPart = head.u16le(NO_RS_LENGTH);
    if (compressed == 0 || compressed > head.length()) {
      throw head.corrupt("compressed size " + compressed + " (the image has " + head.length() + " bytes)");
    }
    if (uncompressed == 0 || uncompressed > MAX_UNCOMPRESSED) {
      throw head.corrupt(
          "uncompressed size " + uncompressed + " (at most " + MAX_UNCOMPRESSED + " for a core image)");
    }
    if (rsPart < 0x18 || rsPart >= MAX_DECOMPRESSOR) {
      throw head.corrupt("Reed-Solomon start " + rsPart + " (the decompressor is at most " + MAX_DECOMPRESSOR + " bytes)");
    }
    // Where the compressed data starts is the decompressor's length, which no field holds.
    // grub-setup fills the embedding area: the sectors read are the core image plus
    // `redundancy` bytes, so the length is exact there; a blocklist install pads the last
    // sector instead (redundancy 0), so the length is one of the 16-byte-aligned values in a
    // sector's width (startup_raw.S aligns decompressor_end to 16). Each candidate must start
    // an LZMA stream (first byte 0) that decodes to a valid module area.
    long exact = head.length() - redundancy - compressed;
    long lowest = redundancy != 0 ? exact : exact - (SECTOR - 1);
    int tries = 0;
    CorruptDataException last = null;
    for (long start = exact - exact % 16; start >= lowest && start >= rsPart; start -= 16) {
      if (start + compressed > head.length() || start >= MAX_DECOMPRESSOR || head.u8((int) start) != 0) {
        continue;
      }
      if (++tries > MAX_TRIES) {
        break;
      }
      try {
        byte[] kernel = inflate(head, (int) start, (int) compressed, (int) uncompressed, where);
        Optional<Embedded> e = ModuleArea.find(ByteView.of(kernel, where + " kernel"), 4, where);
        if (e.isPresent()) {
          return e.get();
        }
      } catch (CorruptDataException ex) {
        last = ex;
      }
    }
    throw new CorruptDataException(
        where + ": no LZMA-compressed kernel with a module area after the decompressor"
            + (last == null ? "" : " (" + last.getMessage() + ")"));
  }

  /** Exactly {@code uncompressed} bytes from the raw LZMA stream; never more. */
  private static byte[] inflate(ByteView head, int start, int compressed, int uncompressed, String where)
      throws CorruptDataException {
    byte[] in = head.bytes(start, compressed);
    byte[] out = new byte[uncompressed];
    try (LZMAInputStream z =
        new LZMAInputStream(new ByteArrayInputStream(in), uncompressed, LZMA_PROPS, LZMA_DICT)) {
      int n = 0;
      while (n < out.length) {
        int r = z.read(out, n, out.length - n);
        if (r < 0) {
          throw new CorruptDataException(where + ": LZMA data ends after " + n + " of " + uncompressed + " bytes");
        }
        n += r;
      }
    } catch (CorruptDataException e) {
      throw e;
    } catch (IOException e) {
      throw new CorruptDataException(where + ": LZMA data at byte " + start + ": " + e.getMessage());
    }
    return out;
  }
}
