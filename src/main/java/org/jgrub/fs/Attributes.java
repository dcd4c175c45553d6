package org.jgrub.fs;

import java.time.Instant;

/**
 * The POSIX attributes of a node, as its filesystem stores them: permission bits and file type
 * ({@code st_mode}), owner, group, link count and the three times. {@code posix} is false for a
 * format with no modes or owners (FAT): then only the times mean anything, and mode, uid, gid and
 * nlink are -1. A time is null when the format does not store it (FAT's root directory, an ISO
 * 9660 file without Rock Ridge TF has only its recording date as mtime).
 *
 * @param posix whether mode, uid, gid and nlink come from the disk
 * @param mode st_mode: the S_IFMT type bits and the 12 permission bits
 * @param uid the owner's numeric id
 * @param gid the group's numeric id
 * @param nlink the hard link count as stored
 * @param mtime last data modification
 * @param atime last access
 * @param ctime last status change
 */
public record Attributes(
    boolean posix, int mode, long uid, long gid, long nlink, Instant mtime, Instant atime,
    Instant ctime) {
  public static final int S_ISUID = 04000;
  public static final int S_ISGID = 02000;
  public static final int S_ISVTX = 01000;

  /** Attributes of a format that stores modes and owners. */
  public static Attributes posix(
      int mode, long uid, long gid, long nlink, Instant mtime, Instant atime, Instant ctime) {
    return new Attributes(true, mode, uid, gid, nlink, mtime, atime, ctime);
  }

  /** Attributes of a format that stores times only. */
  public static Attributes timesOnly(Instant mtime, Instant atime, Instant ctime) {
    return new Attributes(false, -1, -1, -1, -1, mtime, atime, ctime);
  }

  /** The 12 permission bits (rwx for three classes, setuid, setgid, sticky); -1 when unknown. */
  public int permissions() {
    return posix ? mode & 07777 : -1;
  }

  /**
   * A time stored as signed seconds and nanoseconds; nanoseconds out of range count as zero, and
   * seconds beyond what an Instant holds (a damaged 64-bit field) are clamped to its range, so a
   * hostile time never stops a read.
   */
  public static Instant time(long seconds, long nanos) {
    long s = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), seconds));
    return Instant.ofEpochSecond(s, nanos >= 0 && nanos < 1_000_000_000L ? nanos : 0);
  }
}
