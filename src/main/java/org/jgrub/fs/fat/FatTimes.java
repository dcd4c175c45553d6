package org.jgrub.fs.fat;

import java.time.Instant;
import java.time.LocalDate;
import org.jgrub.fs.Attributes;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The times of a FAT short entry (Microsoft FAT specification, "Date and Time Formats"): a date
 * word (day 1-31, month 1-12, years from 1980) and a time word in two-second steps. FAT stores
 * local time without a zone; like Linux with no {@code tz=} option on a UTC host, jgrub reads it as
 * UTC. As in Linux's vfat, ctime is the write time, atime the access date at midnight, and a month
 * or day of 0 counts as 1. The creation time is not exposed.
 */
final class FatTimes {
  private static final int DIR_LST_ACC_DATE = 18;
  private static final int DIR_WRT_TIME = 22;
  private static final int DIR_WRT_DATE = 24;

  private FatTimes() {}

  static Attributes of(ByteView e) throws CorruptDataException {
    Instant m = time(e.u16le(DIR_WRT_DATE), e.u16le(DIR_WRT_TIME));
    return Attributes.timesOnly(m, time(e.u16le(DIR_LST_ACC_DATE), 0), m);
  }

  /** Date and time words as Linux's fat_time_fat2unix adds them up (lenient past month ends). */
  static Instant time(int date, int time) {
    int year = 1980 + (date >>> 9);
    int month = Math.max(1, date >>> 5 & 0xf);
    int day = Math.max(1, date & 0x1f);
    long days = LocalDate.of(year, 1, 1).plusMonths(month - 1).plusDays(day - 1).toEpochDay();
    long secs = (time >>> 11) * 3600L + (time >>> 5 & 0x3f) * 60L + (time & 0x1f) * 2L;
    return Instant.ofEpochSecond(days * 86400 + secs);
  }
}
