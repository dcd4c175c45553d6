package org.jgrub.config.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;

/**
 * Re-reads one edited stanza with its format's own parser, as if it were the whole config file
 * at {@code path} (so that relative paths resolve as they did): what its first entry loads.
 */
public final class Stanza {
  private Stanza() {}

  public static Loaded load(ConfigParser parser, String path, CharSequence text, GuestFiles files) {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try {
      Menu m = parser.parse(new ConfigFile(null, path, bytes), files);
      List<Entry> entries = m.flatEntries();
      return Loaded.of(entries.isEmpty() ? null : entries.get(0), m.warnings());
    } catch (IOException e) {
      // The parser found nothing it could boot (no entry at all, or an unreadable include).
      return new Loaded(null, "", "", List.of(), java.util.Optional.empty(),
          List.of(String.valueOf(e.getMessage())));
    }
  }
}
