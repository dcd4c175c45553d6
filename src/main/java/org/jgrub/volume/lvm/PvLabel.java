package org.jgrub.volume.lvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * An LVM2 physical volume's label and its metadata (lib/format_text/layout.h): "LABELONE" in one
 * of the first four sectors, then the PV header (UUID, data area, metadata areas), each metadata
 * area starting with a header whose first raw location points at the current metadata text in a
 * ring that wraps to just after the header.
 */
final class PvLabel {
  static final int SECTOR = 512;
  static final byte[] LABEL_ID = "LABELONE".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LABEL_TYPE = "LVM2 001".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MDA_MAGIC =
      " LVM2 x[5A%r0N*>".getBytes(StandardCharsets.US_ASCII);
  /** lib/misc/crc.h. */
  static final int INITIAL_CRC = 0xf597a6cf;
  // Label header fields.
  static final int L_SECTOR = 8;
  static final int L_CRC = 16;
  static final int L_OFFSET = 20;
  static final int L_TYPE = 24;
  // Metadata area header fields.
  static final int M_CRC = 0;
  static final int M_MAGIC = 4;
  static final int M_VERSION = 20;
  static final int M_START = 24;
  static final int M_SIZE = 32;
  static final int M_RAW = 40;
  static final int MDA_HEADER_SIZE = 512;
  /** Disk locations a PV header lists; LVM writes one data area and at most two metadata areas. */
  static final int MAX_LOCATIONS = 8;
  static final int RAW_LOCN_IGNORED = 1;

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
      }
      TABLE[i] = c;
    }
  }

  /** What one PV says: its UUID, where its data area starts, and its current metadata text. */
  record Pv(String uuid, long dataStart, String metadata) {}

  private PvLabel() {}

  /**
   * LVM's calc_crc (lib/misc/crc.c): the reflected CRC-32 of zlib, but started from {@code crc}
   * and without the final inversion.
   */
  static int crc(int crc, byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xff];
    }
    return crc;
  }

  /** The sector (0–3) holding an LVM2 label, or -1. */
  static int find(BlockDevice dev) throws IOException {
    if (dev.size() < 4 * SECTOR) {
      return -1;
    }
    byte[] head = dev.read(0, 4 * SECTOR);
    for (int s = 0; s < 4; s++) {
      if (Arrays.equals(head, s * SECTOR, s * SECTOR + 8, LABEL_ID, 0, 8)
          && Arrays.equals(head, s * SECTOR + L_TYPE, s * SECTOR + L_TYPE + 8, LABEL_TYPE, 0, 8)) {
        return s;
      }
    }
    return -1;
  }

  /** Reads the PV whose label is in {@code sector}; throws when its label or metadata is broken. */
  static Pv read(BlockDevice dev, int sector, Limits limits) throws IOException {
    ByteView l = ByteView.read(dev, (long) sector * SECTOR, SECTOR, "LVM2 label");
    if (l.u64le(L_SECTOR) != sector) {
      throw l.corrupt("label says it lies in sector " + l.u64le(L_SECTOR));
    }
    byte[] raw = l.bytes(0, SECTOR);
    if ((crc(INITIAL_CRC, raw, L_OFFSET, SECTOR - L_OFFSET) & 0xffffffffL) != l.u32le(L_CRC)) {
      throw l.corrupt("label checksum mismatch");
    }
    long off = l.u32le(L_OFFSET);
    if (off < 32 || off > SECTOR - 40) {
      throw l.corrupt("PV header offset " + off + " out of range");
    }
    int p = (int) off;
    String uuid = l.string(p, 32, StandardCharsets.US_ASCII);
    p += 40; // uuid, device size
    long dataStart = -1;
    int list = 0;
    int n = 0;
    String metadata = null;
    String mdaError = null;
    while (list < 2) {
      if (++n > MAX_LOCATIONS) {
        throw l.corrupt("more than " + MAX_LOCATIONS + " disk locations");
      }
      long o = l.u64le(p);
      long s = l.u64le(p + 8);
      p += 16;
      if (o == 0) {
        list++;
        continue;
      }
      if (list == 0) {
        dataStart = dataStart < 0 ? o : dataStart;
      } else if (metadata == null) {
        try {
          metadata = metadata(dev, o, s, limits);
        } catch (CorruptDataException e) {
          // The second metadata area (pvcreate --pvmetadatacopies 2) may still hold a good copy.
          mdaError = e.getMessage();
        }
      }
    }
    if (dataStart < 0) {
      throw l.corrupt("PV lists no data area");
    }
    if (metadata == null) {
      throw new CorruptDataException(
          mdaError != null ? mdaError : "LVM2 PV has no metadata area");
    }
    return new Pv(uuid, dataStart, metadata);
  }

  /** The current metadata text of the area at {@code start} (+{@code size}), checksums checked. */
  private static String metadata(BlockDevice dev, long start, long size, Limits limits)
      throws IOException {
    String what = "LVM2 metadata area at byte " + start;
    if (size <= MDA_HEADER_SIZE || start < 0 || start > dev.size() || size > dev.size() - start) {
      throw new CorruptDataException(what + " (+" + size + ") lies outside the device");
    }
    ByteView h = ByteView.read(dev, start, MDA_HEADER_SIZE, what);
    if (!Arrays.equals(h.bytes(M_MAGIC, 16), MDA_MAGIC)) {
      throw h.corrupt("no metadata area magic");
    }
    byte[] raw = h.bytes(0, MDA_HEADER_SIZE);
    if ((crc(INITIAL_CRC, raw, 4, MDA_HEADER_SIZE - 4) & 0xffffffffL) != h.u32le(M_CRC)) {
      throw h.corrupt("header checksum mismatch");
    }
    if (h.u32le(M_VERSION) != 1) {
      throw h.corrupt("metadata format version " + h.u32le(M_VERSION) + " (only 1 is known)");
    }
    if (h.u64le(M_START) != start) {
      throw h.corrupt("header says it lies at byte " + h.u64le(M_START));
    }
    long offset = h.u64le(M_RAW);
    long len = h.u64le(M_RAW + 8);
    long sum = h.u32le(M_RAW + 16);
    long flags = h.u32le(M_RAW + 20);
    if (offset == 0 || (flags & RAW_LOCN_IGNORED) != 0) {
      throw h.corrupt("holds no metadata");
    }
    long ring = size - MDA_HEADER_SIZE;
    int max = limits.configFileBytes;
    if (offset < MDA_HEADER_SIZE || offset >= size || len <= 0 || len > ring || len > max) {
      throw h.corrupt(
          "metadata at +" + offset + " of " + len + " bytes does not fit the area of " + size
              + " bytes (at most " + Math.min(ring, max) + " are read)");
    }
    byte[] text = new byte[(int) len];
    int first = (int) Math.min(len, size - offset);
    dev.read(start + offset, java.nio.ByteBuffer.wrap(text, 0, first));
    if (first < len) {
      // The ring wraps: the rest follows the header.
      dev.read(start + MDA_HEADER_SIZE, java.nio.ByteBuffer.wrap(text, first, (int) len - first));
    }
    if ((crc(INITIAL_CRC, text, 0, text.length) & 0xffffffffL) != sum) {
      throw h.corrupt("metadata text checksum mismatch");
    }
    int end = text.length;
    while (end > 0 && text[end - 1] == 0) {
      end--;
    }
    return new String(text, 0, end, StandardCharsets.UTF_8);
  }
}
