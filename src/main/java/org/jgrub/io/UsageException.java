package org.jgrub.io;

/** A bad command line. */
public class UsageException extends JgrubException {
  public UsageException(String message) {
    super(message);
  }
}
