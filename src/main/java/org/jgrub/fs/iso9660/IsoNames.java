package org.jgrub.fs.iso9660;

import java.nio.charset.StandardCharsets;

/**
 * File identifiers without Rock Ridge: ECMA-119 names ("README.TXT;1", section 7.5) and Joliet's
 * UCS-2 big-endian names, each shown without the ";version" suffix and without a trailing '.'
 * (the separator an extension-less name keeps), as Linux and GRUB show them.
 */
final class IsoNames {
  private IsoNames() {}

  static String decode(byte[] raw, boolean joliet) {
    String s;
    if (joliet) {
      int even = raw.length & ~1;
      s = new String(raw, 0, even, StandardCharsets.UTF_16BE);
    } else {
      s = new String(raw, StandardCharsets.ISO_8859_1);
    }
    int semi = s.indexOf(';');
    if (semi >= 0) {
      s = s.substring(0, semi);
    }
    if (s.length() > 1 && s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
