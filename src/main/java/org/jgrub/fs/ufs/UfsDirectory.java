package org.jgrub.fs.ufs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Parses a directory's contents: 512-byte chunks (DIRBLKSIZ) of variable-length {@code struct
 * direct} records that never cross a chunk. Scanned linearly; FreeBSD's dirhash is built in memory
 * and leaves nothing on disk.
 */
final class UfsDirectory {
  private UfsDirectory() {}

  static final int DIRBLKSIZ = 512;
  private static final int D_INO = 0;
  private static final int D_RECLEN = 4;
  /** 4.4BSD: d_type at 6, 8-bit d_namlen at 7; 4.2BSD/Solaris: 16-bit d_namlen at 6. */
  private static final int D_TYPE_OR_NAMLEN = 6;

  private static final int D_NAMLEN_44 = 7;
  private static final int D_NAME = 8;

  /** Appends the entries of {@code v} (whole chunks of a directory) to {@code out}. */
  static void parse(ByteView v, UfsSuperblock sb, List<DirEntry> out, int limit)
      throws CorruptDataException {
    boolean be = sb.bigEndian();
    for (int chunk = 0; chunk < v.length(); chunk += DIRBLKSIZ) {
      int end = Math.min(v.length(), chunk + DIRBLKSIZ);
      int off = chunk;
      while (off < end) {
        if (end - off < D_NAME) {
          throw v.corrupt("directory entry at offset " + off + " is cut short");
        }
        long ino = v.u32(off + D_INO, be);
        int reclen = v.u16(off + D_RECLEN, be);
        int namlen = sb.bsdDirs() ? v.u8(off + D_NAMLEN_44) : v.u16(off + D_TYPE_OR_NAMLEN, be);
        if (reclen < D_NAME || (reclen & 3) != 0 || reclen > end - off) {
          throw v.corrupt("directory entry at offset " + off + " has record length " + reclen);
        }
        if (ino != 0) {
          if (D_NAME + namlen > reclen) {
            throw v.corrupt("directory entry at offset " + off + ": name length " + namlen
                + " exceeds its record of " + reclen + " bytes");
          }
          String name = v.string(off + D_NAME, namlen, StandardCharsets.UTF_8);
          if (!name.equals(".") && !name.equals("..")) {
            if (out.size() >= limit) {
              Limits.check(out.size() + 1L, limit, v.what() + ": entries");
            }
            out.add(new DirEntry(name, new UfsRef(ino)));
          }
        }
        off += reclen;
      }
    }
  }
}
