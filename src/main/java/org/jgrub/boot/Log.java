package org.jgrub.boot;

/** Where the pipeline reports what it did; the command line prints it on stderr. */
public interface Log {
  /** Always shown (pygrub prints which config it uses, too). */
  void info(String message);

  /** Shown with --debug: which files were tried and why each was skipped. */
  void debug(String message);
}
