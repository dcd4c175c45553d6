package org.jgrub.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Linear directory entries (ext4 on-disk format, "Linear (Classic) Directories") in one block or
 * inline region. A linear scan is correct for hashed directories too: the hash tree's root and
 * interior blocks look like empty entries to it, and the checksum tail is an entry with inode 0.
 */
final class DirBlock {
  private DirBlock() {}

  static final int INODE = 0;
  static final int REC_LEN = 4;
  static final int NAME_LEN = 6;
  static final int NAME = 8;
  static final int MAX_BLOCK = 65536;

  /** Adds the live entries of {@code v} (all of it) to {@code out}, skipping "." and "..". */
  static void parse(ByteView v, int blockSize, String who, List<DirEntry> out, int limit)
      throws CorruptDataException {
    int at = 0;
    while (at < v.length()) {
      long ino = v.u32le(at + INODE);
      int recLen = recLen(v.u16le(at + REC_LEN), blockSize);
      int nameLen = v.u8(at + NAME_LEN);
      if (recLen < NAME || recLen % 4 != 0 || recLen > v.length() - at
          || NAME + nameLen > recLen) {
        throw v.corrupt("directory entry at offset " + at + " has record length "
            + recLen + " and name length " + nameLen);
      }
      if (ino != 0 && nameLen > 0 && !isDot(v, at, nameLen)) {
        Limits.check(out.size() + 1L, limit, who + ": directory entries");
        String name = v.string(at + NAME, nameLen, StandardCharsets.UTF_8);
        out.add(new DirEntry(name, new ExtRef(ino, v.diskOffset(at))));
      }
      at += recLen;
    }
  }

  private static boolean isDot(ByteView v, int at, int nameLen) throws CorruptDataException {
    if (v.u8(at + NAME) != '.') {
      return false;
    }
    return nameLen == 1 || (nameLen == 2 && v.u8(at + NAME + 1) == '.');
  }

  /** ext4_rec_len_from_disk: 64 KiB blocks keep bits 16-17 of the length in bits 0-1. */
  static int recLen(int raw, int blockSize) {
    if (blockSize < MAX_BLOCK) {
      return raw;
    }
    if (raw == 0xffff || raw == 0) {
      return MAX_BLOCK;
    }
    return (raw & 0xfffc) | ((raw & 3) << 16);
  }
}
