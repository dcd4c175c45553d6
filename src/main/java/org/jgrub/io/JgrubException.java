package org.jgrub.io;

import java.io.IOException;

/** The root of jgrub's own failures: each carries a message a dom0 administrator can act on. */
public abstract class JgrubException extends IOException {
  protected JgrubException(String message) {
    super(message);
  }

  protected JgrubException(String message, Throwable cause) {
    super(message, cause);
  }
}
