package org.jgrub.api;

import java.nio.file.OpenOption;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** The one guard every write operation goes through: guest filesystems are never written. */
final class ReadOnly {
  private ReadOnly() {}

  /** Always throws; declared to return so that callers can write {@code throw ReadOnly.refuse()}. */
  static ReadOnlyFileSystemException refuse() {
    throw new ReadOnlyFileSystemException();
  }

  /** Refuses any open option that would create, change or delete a file. */
  static void checkOpen(Set<? extends OpenOption> options) {
    for (OpenOption o : options) {
      if (o == StandardOpenOption.WRITE
          || o == StandardOpenOption.APPEND
          || o == StandardOpenOption.CREATE
          || o == StandardOpenOption.CREATE_NEW
          || o == StandardOpenOption.TRUNCATE_EXISTING
          || o == StandardOpenOption.DELETE_ON_CLOSE) {
        throw refuse();
      }
    }
  }
}
