package org.jgrub.config.lilo;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel options of one image= or other= section, or of the global section where they are
 * the defaults for every image (lilo.conf(5): append, initrd, literal, read-only, read-write,
 * root and the password options may be given globally).
 */
final class LiloImage {
  final boolean other;
  final String path;
  final int line;
  String label;
  final List<String> aliases = new ArrayList<>();
  String append;
  String addappend;
  String literal;
  String root;
  String initrd;
  /** "ro", "rw" or null. */
  String mode;
  String password;
  Boolean restricted;
  final List<String> lines = new ArrayList<>();

  LiloImage(boolean other, String path, int line) {
    this.other = other;
    this.path = path;
    this.line = line;
  }
}
