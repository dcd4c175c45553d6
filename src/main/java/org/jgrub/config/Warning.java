package org.jgrub.config;

/** Something in a config that was skipped or guessed at; the rest of the menu still works. */
public record Warning(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
