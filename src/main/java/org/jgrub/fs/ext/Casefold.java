package org.jgrub.fs.ext;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Name comparison in casefold directories. The kernel compares the NFD-normalised, case-folded
 * forms of the names (fs/unicode, "nfdicf"); Java has no full case folding, so upper- then
 * lower-casing (which turns "ß" into "ss", as full folding does) stands in for it.
 */
final class Casefold {
  private Casefold() {}

  static String fold(String name) {
    String nfd = Normalizer.normalize(name, Normalizer.Form.NFD);
    String folded = nfd.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return Normalizer.normalize(folded, Normalizer.Form.NFD);
  }
}
