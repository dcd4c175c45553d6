package org.jgrub.io;

/** A real, valid feature of a format that jgrub does not read (e.g. ext4 encryption). */
public class UnsupportedFeatureException extends JgrubException {
  public UnsupportedFeatureException(String message) {
    super(message);
  }
}
