package org.jgrub.config.bls;

import java.util.Locale;

/**
 * One systemd-boot menu entry before sorting: a Type #1 file or one profile of a Type #2 image,
 * with what systemd-boot sorts and titles it by, and the partition it was found on (its paths are
 * on that partition).
 *
 * @param entry the entry's keys (for a Type #2 image, made from its {@code .osrel} and
 *     {@code .cmdline})
 * @param device the partition it was found on
 * @param path its file on that partition, for messages
 * @param id systemd's id: the file name in lower case without its boot counter, with
 *     "@PROFILE-ID" (or "@N") for profiles after the first, as bootctl shows it
 * @param idWithoutProfile the id of the image a profile belongs to, null for profile 0 and Type #1
 * @param profile the profile's number (0 for Type #1 entries)
 * @param title the title before systemd-boot makes titles unique, or null
 * @param triesLeft the boot counter's "+LEFT", -1 without a counter
 * @param triesDone the boot counter's "-DONE", -1 without a counter
 */
record SdEntry(
    BlsEntry entry,
    String device,
    String path,
    String id,
    String idWithoutProfile,
    int profile,
    String title,
    int triesLeft,
    int triesDone) {

  /** A boot counter "+LEFT[-DONE]" right before the suffix, as systemd-boot parses it. */
  record Counter(String base, int left, int done) {}

  /** The counter in {@code fileName} before {@code suffix} (case-insensitive), or null. */
  static Counter counter(String fileName, String suffix) {
    int n = fileName.length();
    if (n < suffix.length() || !fileName.regionMatches(true, n - suffix.length(), suffix, 0,
        suffix.length())) {
      return null;
    }
    int plus = fileName.lastIndexOf('+');
    if (plus < 0) {
      return null;
    }
    int end = n - suffix.length();
    int p = plus + 1;
    int q = digits(fileName, p, end);
    if (q == p) {
      return null;
    }
    long left = number(fileName, p, q);
    long done = 0;
    if (q < end && fileName.charAt(q) == '-') {
      int r = digits(fileName, q + 1, end);
      if (r == q + 1) {
        return null;
      }
      done = number(fileName, q + 1, r);
      q = r;
    }
    if (q != end || left > Integer.MAX_VALUE || done > Integer.MAX_VALUE) {
      return null; // A counter in the middle of the name, or one too large: not a counter.
    }
    return new Counter(fileName.substring(0, plus) + fileName.substring(end), (int) left,
        (int) done);
  }

  private static int digits(String s, int from, int end) {
    int k = from;
    while (k < end && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
      k++;
    }
    return k;
  }

  /** The value, saturated past Integer.MAX_VALUE (such a counter is then refused). */
  private static long number(String s, int from, int to) {
    long v = 0;
    for (int k = from; k < to; k++) {
      v = Math.min(v * 10 + (s.charAt(k) - '0'), (long) Integer.MAX_VALUE + 1);
    }
    return v;
  }

  /** systemd-boot folds ids (and the default pattern) to lower case. */
  static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
