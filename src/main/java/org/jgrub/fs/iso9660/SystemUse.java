package org.jgrub.fs.iso9660;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;

/**
 * Walks the SUSP entries of one System Use area and its continuation areas (IEEE P1281 SUSP
 * 1.12) and collects the Rock Ridge ones (IEEE P1282 RRIP 1.12). Every entry length and every
 * CE block, offset and length is checked before use; a CE chain is bounded and may not revisit an
 * area.
 */
final class SystemUse {
  private static final int SIG = 0;
  private static final int LEN = 2;
  static final int HEADER = 4;

  /** More continuation areas than any real record needs (one per 2 KiB of RR data). */
  private static final int MAX_CONTINUATIONS = 64;
  /** Longer names and link targets than Linux or GRUB accept. */
  private static final int MAX_NAME_BYTES = 1024;
  private static final int MAX_LINK_BYTES = 4096;

  private static final int CE_BLOCK = 4;
  private static final int CE_OFFSET = 12;
  private static final int CE_LENGTH = 20;
  private static final int CE_MIN_LEN = 28;
  private static final int SP_CHECK = 4;
  private static final int SP_LEN_SKP = 6;
  private static final int SP_MIN_LEN = 7;
  private static final int ER_LEN_ID = 4;
  private static final int ER_LEN_DES = 5;
  private static final int ER_LEN_SRC = 6;
  private static final int ER_ID = 8;
  private static final int PX_MODE = 4;
  private static final int PX_MIN_LEN = 12;
  private static final int PX_NLINK = 12;
  private static final int PX_UID = 20;
  private static final int PX_GID = 28;
  /** RRIP 1.09 PX: mode, links, uid, gid (each both-endian, 8 bytes); 1.12 adds the serial. */
  private static final int PX_IDS_LEN = 36;
  private static final int TF_FLAGS = 4;
  private static final int TF_LONG_FORM = 0x80;
  private static final int NM_FLAGS = 4;
  private static final int NM_NAME = 5;
  private static final int NM_CURRENT = 0x02;
  private static final int NM_PARENT = 0x04;
  private static final int SL_COMPONENTS = 5;
  // The entry flag "continues in the next SL" needs no state: components are simply appended.
  private static final int SLC_CONTINUE = 0x01;
  private static final int SLC_CURRENT = 0x02;
  private static final int SLC_PARENT = 0x04;
  private static final int SLC_ROOT = 0x08;
  private static final int SLC_VOLROOT = 0x10;
  private static final int SLC_HOST = 0x20;
  private static final int ZF_ALGORITHM = 4;
  private static final int ZF_HEADER_DIV4 = 6;
  private static final int ZF_LOG2_BLOCK = 7;
  private static final int ZF_SIZE = 8;
  private static final int ZF_LEN = 16;
  private static final int CL_LOCATION = 4;
  private static final int CL_MIN_LEN = 12;

  private final BlockDevice dev;
  private final int blockSize;

  // Results for the record being parsed.
  private int skip = -1;
  private boolean rrip;
  private byte[] name = new byte[0];
  private int nameLen;
  private long mode = -1;
  private long nlink = -1;
  private long uid = -1;
  private long gid = -1;
  private Instant mtime;
  private Instant atime;
  private Instant ctime;
  private boolean hasLink;
  private final List<StringBuilder> linkParts = new ArrayList<>();
  private boolean linkAbsolute;
  private boolean componentContinues;
  private boolean relocated;
  private long childLink = -1;
  private String unsupported;
  private String linkError;
  private Zisofs.Params zisofs;

  private SystemUse(BlockDevice dev, int blockSize) {
    this.dev = dev;
    this.blockSize = blockSize;
  }

  /**
   * The root '.' record's SUSP indicator (SUSP 5.3): the number of bytes to skip at the start of
   * every other System Use area, or -1 when SUSP is not in use; {@link RootInfo#rockRidge} says
   * whether an ER entry names Rock Ridge or RR entries are present.
   */
  record RootInfo(int skip, boolean rockRidge) {}

  static RootInfo root(BlockDevice dev, int blockSize, ByteView su) throws IOException {
    SystemUse s = new SystemUse(dev, blockSize);
    if (su.length() < SP_MIN_LEN
        || su.u8(SIG) != 'S'
        || su.u8(SIG + 1) != 'P'
        || su.u8(SP_CHECK) != 0xBE
        || su.u8(SP_CHECK + 1) != 0xEF) {
      return new RootInfo(-1, false);
    }
    s.skip = su.u8(SP_LEN_SKP);
    s.walk(su);
    return new RootInfo(s.skip, s.rrip || s.mode >= 0 || s.nameLen > 0);
  }

  /** The Rock Ridge view of one record's System Use area, after skipping {@code skip} bytes. */
  static RockRidge parse(BlockDevice dev, int blockSize, ByteView su, int skip) throws IOException {
    if (skip >= su.length()) {
      return RockRidge.NONE;
    }
    SystemUse s = new SystemUse(dev, blockSize);
    s.walk(su.slice(skip, su.length() - skip, su.what()));
    return s.result();
  }

  private RockRidge result() {
    String n = nameLen == 0 ? null : new String(name, 0, nameLen, StandardCharsets.UTF_8);
    String target = null;
    if (hasLink) {
      StringBuilder t = new StringBuilder();
      if (linkAbsolute) {
        t.append('/');
      }
      for (int i = 0; i < linkParts.size(); i++) {
        if (i > 0) {
          t.append('/');
        }
        t.append(linkParts.get(i));
      }
      target = t.toString();
    }
    return new RockRidge(
        n, mode, target, linkError, relocated, childLink, rrip, zisofs, unsupported,
        nlink, uid, gid, mtime, atime, ctime);
  }

  private void walk(ByteView area) throws IOException {
    Set<Long> seen = new HashSet<>();
    int continuations = 0;
    ByteView a = area;
    while (a != null) {
      ByteView next = null;
      int pos = 0;
      boolean stop = false;
      while (!stop && a.length() - pos >= HEADER) {
        if (a.isZero(pos, a.length() - pos)) {
          break; // zero padding after the last entry
        }
        int len = a.u8(pos + LEN);
        if (len < HEADER) {
          throw a.corrupt("SUSP entry at offset " + pos + " has length " + len
              + ", less than its 4-byte header");
        }
        if (len > a.length() - pos) {
          throw a.corrupt("SUSP entry at offset " + pos + " of length " + len
              + " runs past the end of its " + a.length() + "-byte area");
        }
        ByteView e = a.slice(pos, len, "SUSP entry " + (char) a.u8(pos) + (char) a.u8(pos + 1));
        char c0 = (char) e.u8(SIG);
        char c1 = (char) e.u8(SIG + 1);
        if (c0 == 'S' && c1 == 'T') {
          stop = true;
        } else if (c0 == 'C' && c1 == 'E') {
          next = continuation(e, seen, ++continuations);
        } else {
          entry(c0, c1, e);
        }
        pos += len;
      }
      a = next;
    }
  }

  /** Reads the continuation area a CE entry names, after checking it lies inside one block. */
  private ByteView continuation(ByteView e, Set<Long> seen, int count) throws IOException {
    if (e.length() < CE_MIN_LEN) {
      throw e.corrupt("CE entry of " + e.length() + " bytes, shorter than " + CE_MIN_LEN);
    }
    if (count > MAX_CONTINUATIONS) {
      throw new LimitExceededException(
          e.what() + ": more than " + MAX_CONTINUATIONS + " continuation areas for one record");
    }
    long block = e.u32le(CE_BLOCK);
    long off = e.u32le(CE_OFFSET);
    long len = e.u32le(CE_LENGTH);
    if (off >= blockSize || len > blockSize - off) {
      throw e.corrupt("CE continuation area at offset " + off + " length " + len
          + " does not lie inside one " + blockSize + "-byte block");
    }
    long at = Math.addExact(Math.multiplyExact(block, (long) blockSize), off);
    if (!seen.add(at)) {
      throw e.corrupt("CE chain returns to block " + block + " offset " + off + " (a loop)");
    }
    dev.checkRange(at, len, "iso9660 CE continuation area named " + e.what());
    return ByteView.read(dev, at, (int) len, "iso9660 continuation area (block " + block + ")");
  }

  /**
   * TF (RRIP 4.1.6): the times its flags name, in the order creation, modify, access, attributes
   * (ctime), backup, expiration, effective; 7-byte (ECMA-119 9.1.5) or 17-byte (8.4.26.1) form.
   */
  private void tf(ByteView e) throws CorruptDataException {
    if (e.length() < TF_FLAGS + 1) {
      throw e.corrupt("TF entry of " + e.length() + " bytes");
    }
    int flags = e.u8(TF_FLAGS);
    int size = (flags & TF_LONG_FORM) != 0 ? 17 : 7;
    int at = TF_FLAGS + 1;
    for (int bit = 0; bit < 7; bit++) {
      if ((flags & 1 << bit) == 0) {
        continue;
      }
      if (at + size > e.length()) {
        throw e.corrupt("TF entry of " + e.length() + " bytes names more times than it holds");
      }
      Instant t = size == 7 ? IsoTime.short7(e, at) : IsoTime.long17(e, at);
      switch (bit) {
        case 1 -> mtime = t;
        case 2 -> atime = t;
        case 3 -> ctime = t;
        default -> {} // creation, backup, expiration, effective: not POSIX times
      }
      at += size;
    }
  }

  private void entry(char c0, char c1, ByteView e) throws CorruptDataException {
    switch (c0 << 8 | c1) {
      case 'S' << 8 | 'P' -> {} // handled by root(); harmless elsewhere
      case 'E' << 8 | 'R' -> er(e);
      case 'R' << 8 | 'R' -> rrip = true; // RRIP 1.09 "RR" flags entry
      case 'P' << 8 | 'X' -> {
        if (e.length() < PX_MIN_LEN) {
          throw e.corrupt("PX entry of " + e.length() + " bytes");
        }
        mode = e.u32le(PX_MODE);
        if (e.length() >= PX_IDS_LEN) {
          nlink = e.u32le(PX_NLINK);
          uid = e.u32le(PX_UID);
          gid = e.u32le(PX_GID);
        }
      }
      case 'T' << 8 | 'F' -> tf(e);
      case 'N' << 8 | 'M' -> nm(e);
      case 'S' << 8 | 'L' -> sl(e);
      case 'R' << 8 | 'E' -> relocated = true;
      case 'C' << 8 | 'L' -> {
        if (e.length() < CL_MIN_LEN) {
          throw e.corrupt("CL entry of " + e.length() + " bytes");
        }
        childLink = e.u32le(CL_LOCATION);
      }
      case 'Z' << 8 | 'F' -> zf(e);
      case 'Z' << 8 | '2' -> unsupported = "zisofs2 compression (Z2)";
      case 'S' << 8 | 'F' -> unsupported = "Rock Ridge sparse file (SF)";
      default -> {} // PN, PL, AA and others: nothing booting needs
    }
  }

  /** ZF (zisofs 1): algorithm "pz", header size / 4, log2 block size, uncompressed size. */
  private void zf(ByteView e) throws CorruptDataException {
    if (e.length() < ZF_LEN) {
      throw e.corrupt("ZF entry of " + e.length() + " bytes");
    }
    if (e.u8(ZF_ALGORITHM) != 'p' || e.u8(ZF_ALGORITHM + 1) != 'z') {
      unsupported = "compression algorithm '" + (char) e.u8(ZF_ALGORITHM)
          + (char) e.u8(ZF_ALGORITHM + 1) + "' (ZF)";
      return;
    }
    zisofs = new Zisofs.Params(e.u8(ZF_HEADER_DIV4), e.u8(ZF_LOG2_BLOCK), e.u32le(ZF_SIZE));
  }

  private void er(ByteView e) throws CorruptDataException {
    int idLen = e.u8(ER_LEN_ID);
    int total = ER_ID + idLen + e.u8(ER_LEN_DES) + e.u8(ER_LEN_SRC);
    if (total > e.length()) {
      throw e.corrupt("ER entry fields (" + total + " bytes) exceed its length " + e.length());
    }
    String id = e.string(ER_ID, idLen, StandardCharsets.ISO_8859_1);
    if (id.equals("RRIP_1991A") || id.equals("IEEE_P1282") || id.equals("IEEE_1282")) {
      rrip = true;
    }
  }

  private void nm(ByteView e) throws CorruptDataException {
    if (e.length() < NM_NAME) {
      throw e.corrupt("NM entry of " + e.length() + " bytes is shorter than its 5-byte header");
    }
    int flags = e.u8(NM_FLAGS);
    if ((flags & (NM_CURRENT | NM_PARENT)) != 0) {
      return;
    }
    int n = e.length() - NM_NAME;
    if (nameLen + n > MAX_NAME_BYTES) {
      throw e.corrupt("Rock Ridge name longer than " + MAX_NAME_BYTES + " bytes");
    }
    if (name.length < nameLen + n) {
      byte[] b = new byte[Math.max(nameLen + n, 256)];
      System.arraycopy(name, 0, b, 0, nameLen);
      name = b;
    }
    System.arraycopy(e.bytes(NM_NAME, n), 0, name, nameLen, n);
    nameLen += n;
  }

  /** SL (RRIP 4.1.3): components, each possibly continued in the next; flags for . .. and /. */
  private void sl(ByteView e) throws CorruptDataException {
    if (e.length() < SL_COMPONENTS) {
      throw e.corrupt("SL entry of " + e.length() + " bytes is shorter than its 5-byte header");
    }
    hasLink = true;
    if (linkError != null) {
      return;
    }
    int p = SL_COMPONENTS;
    while (p < e.length()) {
      if (e.length() - p < 2) {
        linkError = e.what() + ": component header at offset " + p + " runs past the entry";
        return;
      }
      int cflags = e.u8(p);
      int clen = e.u8(p + 1);
      if (clen > e.length() - p - 2) {
        // Only the link target is lost (genisoimage 1.1.11 writes such entries for long
        // targets): the error waits for readLink, the rest of the directory stays readable.
        linkError = e.what() + ": component at offset " + p + " of length " + clen
            + " runs past the entry" + (e.diskOffset(0) < 0 ? "" : " at byte 0x"
            + Long.toHexString(e.diskOffset(0)));
        return;
      }
      String text;
      if ((cflags & SLC_CURRENT) != 0) {
        text = ".";
      } else if ((cflags & SLC_PARENT) != 0) {
        text = "..";
      } else if ((cflags & (SLC_ROOT | SLC_VOLROOT)) != 0) {
        text = null;
        if (linkParts.isEmpty()) {
          linkAbsolute = true;
        }
      } else if ((cflags & SLC_HOST) != 0) {
        text = null; // "the host name": meaningless inside a guest, as in Linux
      } else {
        text = e.string(p + 2, clen, StandardCharsets.UTF_8);
      }
      if (text != null) {
        if (componentContinues && !linkParts.isEmpty()) {
          linkParts.get(linkParts.size() - 1).append(text);
        } else {
          linkParts.add(new StringBuilder(text));
        }
        int total = 0;
        for (StringBuilder sb : linkParts) {
          total += sb.length() + 1;
        }
        if (total > MAX_LINK_BYTES) {
          throw e.corrupt("symbolic link target longer than " + MAX_LINK_BYTES + " bytes");
        }
      }
      componentContinues = (cflags & SLC_CONTINUE) != 0;
      p += 2 + clen;
    }
  }
}
