package org.jgrub.cli;

import java.util.Map;
import org.jgrub.io.Limits;
import org.jgrub.io.UsageException;

/** pygrub's environment variables for limits, applied to jgrub's {@link Limits}. */
final class EnvLimits {
  private EnvLimits() {}

  /**
   * The shipped limits with pygrub's {@code PYGRUB_MAX_FILE_SIZE_MB} applied: the largest kernel
   * or ramdisk copied (default 128).
   */
  static Limits from(Map<String, String> env) throws UsageException {
    String v = env.get("PYGRUB_MAX_FILE_SIZE_MB");
    if (v == null || v.isBlank()) {
      return Limits.DEFAULT;
    }
    long mb;
    try {
      mb = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("PYGRUB_MAX_FILE_SIZE_MB must be a whole number of MiB, not '" + v + "'");
    }
    if (mb <= 0 || mb > (1L << 20)) {
      throw new UsageException("PYGRUB_MAX_FILE_SIZE_MB must be between 1 and 1048576");
    }
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.bootFileBytes = mb << 20;
    return b.build();
  }

  /**
   * {@code PYGRUB_MAX_RAM_USAGE_MB}: the sandboxed parser's heap (default 256 MiB); its address
   * space limit adds room for the JVM's own mappings.
   */
  static long heapMb(Map<String, String> env) throws UsageException {
    String v = env.get("PYGRUB_MAX_RAM_USAGE_MB");
    if (v == null || v.isBlank()) {
      return 256;
    }
    try {
      long mb = Long.parseLong(v.trim());
      if (mb >= 32 && mb <= (1L << 20)) {
        return mb;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException("PYGRUB_MAX_RAM_USAGE_MB must be a whole number of MiB from 32 up, not '" + v + "'");
  }
}
