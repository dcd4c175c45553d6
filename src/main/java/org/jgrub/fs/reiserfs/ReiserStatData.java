package org.jgrub.fs.reiserfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A stat-data item: {@code struct stat_data_v1} (32 bytes, 3.5: 16-bit ids, 32-bit size) or
 * {@code struct stat_data} (44 bytes, 3.6: 64-bit size). Only mode and size matter for booting.
 *
 * @param mode sd_mode
 * @param size sd_size
 */
record ReiserStatData(int mode, long size) {
  static final int V1_SIZE = 32;
  static final int V2_SIZE = 44;
  private static final int SD_MODE = 0;
  private static final int SD_V1_SIZE = 8;
  private static final int SD_V2_SIZE = 8;

  static ReiserStatData parse(ByteView v, int format) throws CorruptDataException {
    if (format == ReiserKey.FORMAT_36) {
      if (v.length() < V2_SIZE) {
        throw v.corrupt("3.6 stat data of " + v.length() + " bytes");
      }
      long size = v.u64le(SD_V2_SIZE);
      if (size < 0) {
        throw v.corrupt("negative size");
      }
      return new ReiserStatData(v.u16le(SD_MODE), size);
    }
    if (v.length() < V1_SIZE) {
      throw v.corrupt("3.5 stat data of " + v.length() + " bytes");
    }
    return new ReiserStatData(v.u16le(SD_MODE), v.u32le(SD_V1_SIZE));
  }
}
