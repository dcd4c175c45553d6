package org.jgrub.fs;

import java.io.IOException;

/** A driver's mapping from file offsets to device runs (extents, block pointers, clusters). */
public interface RunMap {
  /**
   * The run that contains file offset {@code pos} (a hole when nothing is allocated there). Must
   * satisfy {@code run.fileOffset() <= pos < run.fileOffset() + run.length()}.
   */
  Run runAt(long pos) throws IOException;
}
