package org.jgrub.fs;

/**
 * A run of a file: {@code length} bytes starting at file offset {@code fileOffset}, stored at byte
 * {@code deviceOffset} of the volume, or a hole (reads as zeros) when {@code deviceOffset < 0}.
 */
public record Run(long fileOffset, long deviceOffset, long length) {
  public boolean isHole() {
    return deviceOffset < 0;
  }
}
