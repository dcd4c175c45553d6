package org.jgrub.config;

import java.io.IOException;

/** One configuration format. Parsers never print and never throw for one broken stanza. */
public interface ConfigParser {
  /** The name of its {@link ConfigFormat}. */
  String format();

  /**
   * Parses {@code file}; {@code files} reaches other guest files (included configs, grubenv, BLS
   * entries, {@code search}). Throws only when nothing usable can be made of the file.
   */
  Menu parse(ConfigFile file, GuestFiles files) throws IOException;
}
