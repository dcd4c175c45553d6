package org.jgrub.fs.xfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Lists XFS version 2 directories (xfs_da_format.h) in every form. Short-form directories live in
 * the inode; block, leaf, node and B+tree directories all keep their entries in data blocks below
 * XFS_DIR2_LEAF_OFFSET in the directory's address space, so listing reads only those blocks and
 * never the hash index above them (leaf and node blocks, and free-space blocks).
 */
final class XfsDir {
  private XfsDir() {}

  static final long MAGIC_BLOCK_V2 = 0x58443242L; // "XD2B"
  static final long MAGIC_DATA_V2 = 0x58443244L; // "XD2D"
  static final long MAGIC_BLOCK_V3 = 0x58444233L; // "XDB3"
  static final long MAGIC_DATA_V3 = 0x58444433L; // "XDD3"
  static final int HDR_V2 = 16; // magic + 3 bestfree pairs
  static final int HDR_V3 = 64; // magic, crc, blkno, lsn, uuid, owner, bestfree, pad
  static final int OFF_CRC = 4;
  static final int OFF_OWNER = 40;
  static final int BLOCK_TAIL = 8; // count, stale
  static final int LEAF_ENTRY = 8; // hashval, address
  static final int FREE_TAG = 0xffff;
  static final int ENTRY_FIXED = 8 + 1 + 2; // inumber, namelen, tag
  static final int ENTRY_OFF_NAMELEN = 8;
  static final int ENTRY_OFF_NAME = 9;
  // Short-form header: count, i8count, then the parent's inode number (4 or 8 bytes).
  static final int SF_OFF_COUNT = 0;
  static final int SF_OFF_I8COUNT = 1;
  static final int SF_HDR_FIXED = 2;
  // Short-form entry: namelen, offset[2], name, [ftype], inode number (4 or 8 bytes).
  static final int SF_ENTRY_OFF_NAME = 3;
  /** XFS_DIR2_LEAF_OFFSET: data blocks live in the first 32 GiB of the directory. */
  static final long LEAF_OFFSET_BYTES = 32L << 30;

  /** A short-form directory (xfs_dir2_sf_hdr and entries) in the inode's data fork. */
  static List<DirEntry> shortForm(XfsInode dir, XfsSuperblock sb) throws CorruptDataException {
    ByteView f = dir.dataFork;
    if (dir.size > f.length()) {
      throw f.corrupt("short-form directory size " + dir.size + " exceeds the fork");
    }
    ByteView v = f.slice(0, (int) dir.size, "xfs short-form directory " + dir.ino);
    int count = v.u8(SF_OFF_COUNT);
    int i8 = v.u8(SF_OFF_I8COUNT);
    int inoLen = i8 != 0 ? 8 : 4;
    int pos = SF_HDR_FIXED + inoLen;
    List<DirEntry> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int nameLen = v.u8(pos);
      if (nameLen == 0) {
        throw v.corrupt("empty name in entry " + i);
      }
      int namePos = pos + SF_ENTRY_OFF_NAME;
      String name = v.string(namePos, nameLen, StandardCharsets.UTF_8);
      int inoPos = namePos + nameLen + (sb.ftype() ? 1 : 0);
      long ino = inoLen == 8 ? v.u64be(inoPos) : v.u32be(inoPos);
      out.add(new DirEntry(name, new XfsRef(ino)));
      pos = inoPos + inoLen;
    }
    return out;
  }

  /** A directory whose data fork maps blocks: block, leaf, node or B+tree form. */
  static List<DirEntry> blocks(BlockDevice dev, XfsSuperblock sb, XfsInode dir,
      List<XfsExtent> extents, Limits limits) throws IOException {
    int dirBlock = sb.dirBlockSize();
    int fsbPerDirBlock = 1 << sb.dirBlockLog();
    long leafBlock = LEAF_OFFSET_BYTES >>> sb.blockLog();
    List<DirEntry> out = new ArrayList<>();
    long bytesRead = 0;
    long lastDone = -1;
    for (XfsExtent e : extents) {
      if (e.fileBlock() >= leafBlock) {
        break;
      }
      if (e.unwritten()) {
        throw dir.corrupt("directory " + dir.ino + " has an unwritten extent");
      }
      long first = e.fileBlock() >>> sb.dirBlockLog();
      long last = (Math.min(e.endBlock(), leafBlock) - 1) >>> sb.dirBlockLog();
      for (long d = Math.max(first, lastDone + 1); d <= last; d++) {
        bytesRead += dirBlock;
        Limits.check(bytesRead, limits.metadataBytes,
            "xfs directory " + dir.ino + " bytes read");
        byte[] raw = new byte[dirBlock];
        long diskAt = -1;
        for (int k = 0; k < fsbPerDirBlock; k++) {
          long fb = (d << sb.dirBlockLog()) + k;
          XfsExtent m = XfsExtent.find(extents, fb);
          if (m == null || m.unwritten()) {
            throw dir.corrupt("directory " + dir.ino + " block " + d + " is partly unmapped");
          }
          long at = sb.fsbToByte(m.fsBlock() + (fb - m.fileBlock()), "directory " + dir.ino);
          dev.checkRange(at, sb.blockSize(), "xfs directory block");
          dev.read(at, java.nio.ByteBuffer.wrap(raw, k * sb.blockSize(), sb.blockSize()));
          if (k == 0) {
            diskAt = at;
          }
        }
        parseDataBlock(sb, dir, ByteView.of(raw, "xfs directory " + dir.ino + " block " + d,
            diskAt), out, limits.dirEntries);
        lastDone = d;
      }
    }
    return out;
  }

  private static void parseDataBlock(XfsSuperblock sb, XfsInode dir, ByteView b,
      List<DirEntry> out, int limit) throws CorruptDataException {
    long magic = b.u32be(0);
    boolean blockForm;
    int hdr;
    if (sb.v5()) {
      if (magic != MAGIC_BLOCK_V3 && magic != MAGIC_DATA_V3) {
        throw b.corrupt("bad magic 0x" + Long.toHexString(magic));
      }
      byte[] raw = b.bytes(0, b.length());
      XfsCrc.verify(raw, raw.length, OFF_CRC, b.what(), b.diskOffset(0));
      if (b.u64be(OFF_OWNER) != dir.ino) {
        throw b.corrupt("owned by inode " + b.u64be(OFF_OWNER) + ", not " + dir.ino);
      }
      blockForm = magic == MAGIC_BLOCK_V3;
      hdr = HDR_V3;
    } else {
      if (magic != MAGIC_BLOCK_V2 && magic != MAGIC_DATA_V2) {
        throw b.corrupt("bad magic 0x" + Long.toHexString(magic));
      }
      blockForm = magic == MAGIC_BLOCK_V2;
      hdr = HDR_V2;
    }
    int end = b.length();
    if (blockForm) {
      long count = b.u32be(end - BLOCK_TAIL);
      long leafBytes = count * LEAF_ENTRY;
      if (leafBytes > end - BLOCK_TAIL - hdr) {
        throw b.corrupt(count + " leaf entries do not fit in the block");
      }
      end = (int) (end - BLOCK_TAIL - leafBytes);
    }
    int extra = sb.ftype() ? 1 : 0;
    int pos = hdr;
    while (pos < end) {
      if (b.u16be(pos) == FREE_TAG) {
        int len = b.u16be(pos + 2);
        if (len < 8 || (len & 7) != 0 || len > end - pos) {
          throw b.corrupt("free space of " + len + " bytes at offset " + pos);
        }
        pos += len;
        continue;
      }
      long ino = b.u64be(pos);
      int nameLen = b.u8(pos + ENTRY_OFF_NAMELEN);
      int size = (ENTRY_FIXED + nameLen + extra + 7) & ~7;
      if (nameLen == 0 || size > end - pos) {
        throw b.corrupt("entry of " + nameLen + "-byte name at offset " + pos);
      }
      if (!isDot(b, pos + ENTRY_OFF_NAME, nameLen)) {
        if (out.size() >= limit) {
          Limits.check(out.size() + 1L, limit, "xfs directory " + dir.ino + " entries");
        }
        out.add(new DirEntry(b.string(pos + ENTRY_OFF_NAME, nameLen, StandardCharsets.UTF_8),
            new XfsRef(ino)));
      }
      pos += size;
    }
  }

  private static boolean isDot(ByteView b, int off, int len) throws CorruptDataException {
    return (len == 1 && b.u8(off) == '.') || (len == 2 && b.u8(off) == '.' && b.u8(off + 1) == '.');
  }
}
