package org.jgrub.fs.reiserfs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Parses a directory item: {@code ih_entry_count} entry heads ({@code struct
 * reiserfs_de_head}, 16 bytes) at the front, names packed from the back, each name ending where
 * the previous one starts (3.6 pads names with NULs to 8 bytes).
 */
final class ReiserDirectory {
  private ReiserDirectory() {}

  static final int DEH_SIZE = 16;
  private static final int DEH_OFFSET = 0;
  private static final int DEH_DIR_ID = 4;
  private static final int DEH_OBJECTID = 8;
  private static final int DEH_LOCATION = 12;
  private static final int DEH_STATE = 14;
  /** deh_state bit 2: the entry is visible (not a deleted or hidden one). */
  private static final int DEH_VISIBLE = 1 << 2;

  /** Appends the visible entries of one directory item, without "." and "..". */
  static void parse(ByteView item, int count, List<DirEntry> out, int limit)
      throws CorruptDataException {
    if ((long) count * DEH_SIZE > item.length()) {
      throw item.corrupt(count + " directory entries do not fit the item");
    }
    int end = item.length();
    long lastHash = -1;
    for (int i = 0; i < count; i++) {
      int h = i * DEH_SIZE;
      long hash = item.u32le(h + DEH_OFFSET);
      int loc = item.u16le(h + DEH_LOCATION);
      if (loc < count * DEH_SIZE || loc > end) {
        throw item.corrupt("entry " + i + " name at " + loc + " outside [" + count * DEH_SIZE
            + ", " + end + ")");
      }
      if (hash <= lastHash) {
        throw item.corrupt("entry " + i + " offset " + hash + " does not follow " + lastHash
            + " (keys out of order)");
      }
      lastHash = hash;
      int len = 0;
      while (loc + len < end && item.u8(loc + len) != 0) {
        len++;
      }
      String name = item.string(loc, len, StandardCharsets.UTF_8);
      end = loc;
      if ((item.u16le(h + DEH_STATE) & DEH_VISIBLE) == 0) {
        continue;
      }
      if (len == 0) {
        throw item.corrupt("entry " + i + " has an empty name");
      }
      if (name.equals(".") || name.equals("..")) {
        continue;
      }
      Limits.check(out.size() + 1L, limit, item.what() + ": entries");
      out.add(new DirEntry(name, new ReiserRef(item.u32le(h + DEH_DIR_ID),
          item.u32le(h + DEH_OBJECTID), hash)));
    }
  }
}
