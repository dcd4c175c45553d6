package org.jgrub.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.Bounds;

/**
 * The guest's files as a config parser sees them: the boot layer implements this over the volumes
 * it found. A {@code device} is a GRUB device name without parentheses ("hd0,msdos1", "hd0,gpt2",
 * "hd0"); null means the volume that holds the config being parsed.
 */
public interface GuestFiles {
  /** Metadata of a path: whether it is a directory, and its size. */
  record Stat(boolean directory, long size) {}

  /** How {@code search} identifies a volume. */
  enum SearchBy {
    FS_UUID,
    LABEL,
    FILE
  }

  /**
   * The bounds of the run these files belong to: every parser reads its limits and charges its
   * work here.
   */
  Bounds bounds();

  /** The GRUB name of the volume that holds the config ("hd0,msdos1"). */
  String configDevice();

  /** Reads at most {@code maxBytes} of a file; empty when it does not exist. */
  Optional<byte[]> read(String device, String path, int maxBytes) throws IOException;

  /**
   * Reads {@code length} bytes at {@code offset} of a file (a section of a unified kernel image);
   * empty when the file does not exist, fewer bytes where it ends. This default reads from the
   * start, for small in-memory guests; the boot layer reads only the range.
   */
  default Optional<byte[]> readAt(String device, String path, long offset, int length)
      throws IOException {
    if (offset < 0 || length < 0 || offset + length > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    Optional<byte[]> all = read(device, path, (int) (offset + length));
    if (all.isEmpty()) {
      return all;
    }
    byte[] b = all.get();
    int from = (int) Math.min(offset, b.length);
    return Optional.of(java.util.Arrays.copyOfRange(b, from, Math.min(b.length, from + length)));
  }

  /** The names in a directory, sorted; empty when it is not a directory. */
  Optional<List<String>> list(String device, String path) throws IOException;

  Optional<Stat> stat(String device, String path) throws IOException;

  /** The first volume (GRUB name) that matches, as GRUB's {@code search} finds it. */
  Optional<String> search(SearchBy by, String key) throws IOException;

  /** Every device GRUB would know: "hd0", "hd0,msdos1", ... (for the device map and {@code ls}). */
  List<String> devices();

  /**
   * A guest with no files at all, whose only device is {@code device} (a config on the host),
   * parsed within {@code bounds}.
   */
  static GuestFiles none(String device, Bounds bounds) {
    return new NoGuestFiles(device, bounds);
  }
}
