package org.jgrub.fs.iso9660;

import java.time.Instant;
import java.time.LocalDate;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * ISO 9660 times, converted as Linux's isofs iso_date() does: local fields plus an offset from
 * GMT in 15-minute steps, applied only when within ±13 hours (-52..52); month and day arithmetic
 * is lenient, a month or day of 0 counts as 1.
 */
final class IsoTime {
  private IsoTime() {}

  /** The 7-byte form (ECMA-119 9.1.5): years since 1900, month, day, hour, minute, second, tz. */
  static Instant short7(ByteView v, int at) throws CorruptDataException {
    return of(1900 + v.u8(at), v.u8(at + 1), v.u8(at + 2), v.u8(at + 3), v.u8(at + 4),
        v.u8(at + 5), (byte) v.u8(at + 6));
  }

  /** The 17-byte form (8.4.26.1): "YYYYMMDDHHMMSScc" digits and the tz byte; all zeros: none. */
  static Instant long17(ByteView v, int at) throws CorruptDataException {
    int[] f = new int[6];
    int[] widths = {4, 2, 2, 2, 2, 2};
    int p = at;
    for (int i = 0; i < f.length; i++) {
      for (int k = 0; k < widths[i]; k++) {
        int c = v.u8(p++);
        if (c < '0' || c > '9') {
          return null; // not a date (all-NUL "not specified" included)
        }
        f[i] = f[i] * 10 + c - '0';
      }
    }
    if (f[0] == 0) {
      return null;
    }
    return of(f[0], f[1], f[2], f[3], f[4], f[5], (byte) v.u8(at + 16));
  }

  private static Instant of(int year, int month, int day, int hour, int min, int sec, int tz) {
    long days = LocalDate.of(year, 1, 1).plusMonths(Math.max(1, month) - 1L)
        .plusDays(Math.max(1, day) - 1L).toEpochDay();
    long secs = days * 86400 + hour * 3600L + min * 60L + sec;
    if (tz >= -52 && tz <= 52) {
      secs -= tz * 15 * 60L;
    }
    return Instant.ofEpochSecond(secs);
  }
}
