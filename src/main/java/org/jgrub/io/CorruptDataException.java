package org.jgrub.io;

/** The guest's bytes break the format: a bad magic, a pointer outside the disk, a loop. */
public class CorruptDataException extends JgrubException {
  public CorruptDataException(String message) {
    super(message);
  }

  public CorruptDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
