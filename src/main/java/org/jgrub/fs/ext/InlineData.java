package org.jgrub.fs.ext;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * inline_data (ext4 on-disk format, "Inline Data"): the first 60 bytes live in i_block, the rest
 * in the value of the in-inode extended attribute "system.data" (name index 7, name "data"),
 * found in the xattr area after the inode's i_extra_isize bytes ("Extended Attributes").
 */
final class InlineData {
  private InlineData() {}

  static final long XATTR_MAGIC = 0xea020000L;
  static final int ENTRY_HEADER = 16;
  static final int E_NAME_LEN = 0;
  static final int E_NAME_INDEX = 1;
  static final int E_VALUE_OFFS = 2;
  static final int E_VALUE_INUM = 4;
  static final int E_VALUE_SIZE = 8;
  static final int E_NAME = 16;
  static final int INDEX_SYSTEM = 7;
  static final byte[] NAME_DATA = {'d', 'a', 't', 'a'};

  /** The value of system.data, or an empty array when the inode has none. */
  static byte[] systemData(Inode inode, String who) throws CorruptDataException,
      UnsupportedFeatureException {
    ByteView v = inode.raw();
    if (v.length() <= Superblock.GOOD_OLD_INODE_SIZE) {
      return new byte[0];
    }
    int extra = v.u16le(Inode.I_EXTRA_ISIZE);
    int base = Superblock.GOOD_OLD_INODE_SIZE + extra;
    if (extra % 4 != 0 || base + 4 > v.length()) {
      throw v.corrupt("i_extra_isize " + extra + " does not fit the inode");
    }
    if (v.u32le(base) != XATTR_MAGIC) {
      return new byte[0];
    }
    int first = base + 4; // e_value_offs counts from the first entry
    int at = first;
    while (at + 4 <= v.length() && v.u32le(at) != 0) {
      int nameLen = v.u8(at + E_NAME_LEN);
      v.check(at, ENTRY_HEADER + nameLen);
      if (v.u8(at + E_NAME_INDEX) == INDEX_SYSTEM && nameLen == NAME_DATA.length
          && java.util.Arrays.equals(v.bytes(at + E_NAME, nameLen), NAME_DATA)) {
        if (v.u32le(at + E_VALUE_INUM) != 0) {
          throw new UnsupportedFeatureException(
              who + ": system.data stored in an ea_inode; the kernel never writes that");
        }
        long size = v.u32le(at + E_VALUE_SIZE);
        int offs = v.u16le(at + E_VALUE_OFFS);
        v.check((long) first + offs, size);
        return v.bytes(first + offs, (int) size);
      }
      at += (ENTRY_HEADER + nameLen + 3) & ~3;
    }
    return new byte[0];
  }

  /** The whole inline content: i_block then system.data, cut at the inode's size. */
  static byte[] content(Inode inode, String who) throws CorruptDataException,
      UnsupportedFeatureException {
    byte[] rest = systemData(inode, who);
    long room = Inode.I_BLOCK_LEN + (long) rest.length;
    if (inode.size() > room) {
      throw inode.raw().corrupt("inline size " + inode.size() + " exceeds the "
          + room + " bytes the inode holds");
    }
    int n = (int) inode.size();
    byte[] out = new byte[n];
    byte[] head = inode.iblock().bytes(0, Inode.I_BLOCK_LEN);
    System.arraycopy(head, 0, out, 0, Math.min(n, head.length));
    if (n > head.length) {
      System.arraycopy(rest, 0, out, head.length, n - head.length);
    }
    return out;
  }
}
