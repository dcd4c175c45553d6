package org.jgrub.io;

/** The textual form of a 16-byte UUID as blkid prints it (big-endian byte order, lower case). */
public final class Uuids {
  private Uuids() {}

  /** "8-4-4-4-12" hex digits of the 16 bytes at {@code b[0..15]}. */
  public static String format(byte[] b) {
    StringBuilder s = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        s.append('-');
      }
      s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
    }
    return s.toString();
  }
}
