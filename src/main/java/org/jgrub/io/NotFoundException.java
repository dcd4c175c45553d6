package org.jgrub.io;

/** No configuration, no entry, no file: the message lists what was tried and where. */
public class NotFoundException extends JgrubException {
  public NotFoundException(String message) {
    super(message);
  }
}
