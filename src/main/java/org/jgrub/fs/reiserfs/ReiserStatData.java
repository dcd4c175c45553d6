package org.jgrub.fs.reiserfs;

import java.time.Instant;
import org.jgrub.fs.Attributes;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A stat-data item: {@code struct stat_data_v1} (32 bytes, 3.5: 16-bit ids, 32-bit size) or
 * {@code struct stat_data} (44 bytes, 3.6: 64-bit size and 32-bit ids).
 *
 * @param mode sd_mode
 * @param size sd_size
 * @param attributes mode, owner, link count and times (whole seconds: ReiserFS keeps no more)
 */
record ReiserStatData(int mode, long size, Attributes attributes) {
  static final int V1_SIZE = 32;
  static final int V2_SIZE = 44;
  private static final int SD_MODE = 0;
  private static final int SD_V1_SIZE = 8;
  private static final int SD_V2_SIZE = 8;
  private static final int SD_V1_NLINK = 2;
  private static final int SD_V1_UID = 4;
  private static final int SD_V1_GID = 6;
  private static final int SD_V1_ATIME = 12;
  private static final int SD_V2_NLINK = 4;
  private static final int SD_V2_UID = 16;
  private static final int SD_V2_GID = 20;
  private static final int SD_V2_ATIME = 24;

  static ReiserStatData parse(ByteView v, int format) throws CorruptDataException {
    if (format == ReiserKey.FORMAT_36) {
      if (v.length() < V2_SIZE) {
        throw v.corrupt("3.6 stat data of " + v.length() + " bytes");
      }
      long size = v.u64le(SD_V2_SIZE);
      if (size < 0) {
        throw v.corrupt("negative size");
      }
      int mode = v.u16le(SD_MODE);
      Instant[] t = times(v, SD_V2_ATIME);
      return new ReiserStatData(mode, size, Attributes.posix(mode, v.u32le(SD_V2_UID),
          v.u32le(SD_V2_GID), v.u32le(SD_V2_NLINK), t[0], t[1], t[2]));
    }
    if (v.length() < V1_SIZE) {
      throw v.corrupt("3.5 stat data of " + v.length() + " bytes");
    }
    int mode = v.u16le(SD_MODE);
    Instant[] t = times(v, SD_V1_ATIME);
    return new ReiserStatData(mode, v.u32le(SD_V1_SIZE), Attributes.posix(mode,
        v.u16le(SD_V1_UID), v.u16le(SD_V1_GID), v.u16le(SD_V1_NLINK), t[0], t[1], t[2]));
  }

  /** mtime, atime, ctime from the three 32-bit second counts atime, mtime, ctime at {@code at}. */
  private static Instant[] times(ByteView v, int at) throws CorruptDataException {
    return new Instant[] {
      Attributes.time(v.u32le(at + 4), 0), Attributes.time(v.u32le(at), 0),
      Attributes.time(v.u32le(at + 8), 0)
    };
  }
}
