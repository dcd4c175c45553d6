package org.jgrub.io;

/**
 * A structure on the guest disk is larger, deeper or longer than {@link Limits} allows. Treated
 * as corruption: a real boot volume never comes near these bounds.
 */
public class LimitExceededException extends CorruptDataException {
  public LimitExceededException(String message) {
    super(message);
  }
}
