package org.jgrub.volume;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.io.BlockDevice;

/**
 * Encrypted volumes, recognised so that the error says so instead of "no filesystem recognised":
 * LUKS1 and LUKS2 ("LUKS\xba\xbe" and a big-endian version at byte 6; LUKS2 keeps a second header
 * copy at one of the offsets its specification lists, found when the first is damaged).
 */
public final class Encryption {
  private static final byte[] LUKS_MAGIC = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
  private static final byte[] LUKS2_SECONDARY = {'S', 'K', 'U', 'L', (byte) 0xba, (byte) 0xbe};
  /** LUKS2 On-Disk Format, section 2.1: where the secondary header may lie. */
  private static final long[] SECONDARY_OFFSETS = {
    0x4000, 0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000
  };

  private Encryption() {}

  /** "encrypted with LUKS2" when the volume is a LUKS volume, else empty. */
  public static Optional<String> describe(BlockDevice dev) throws IOException {
    if (dev.size() < 8) {
      return Optional.empty();
    }
    byte[] h = dev.read(0, 8);
    if (java.util.Arrays.equals(h, 0, 6, LUKS_MAGIC, 0, 6)) {
      return Optional.of("encrypted with " + version(h));
    }
    for (long off : SECONDARY_OFFSETS) {
      if (off + 8 <= dev.size()) {
        byte[] s = dev.read(off, 8);
        if (java.util.Arrays.equals(s, 0, 6, LUKS2_SECONDARY, 0, 6)) {
          return Optional.of("encrypted with " + version(s));
        }
      }
    }
    return Optional.empty();
  }

  private static String version(byte[] h) {
    int v = (h[6] & 0xff) << 8 | (h[7] & 0xff);
    return v == 1 || v == 2 ? "LUKS" + v : "LUKS (version " + v + ")";
  }
}
