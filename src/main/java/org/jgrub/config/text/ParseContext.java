package org.jgrub.config.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Warning;
import org.jgrub.io.Limits;

/**
 * The bounds and diagnostics of one parse: warnings (capped), the menu-entry budget, string
 * lengths, and the bytes read through includes. One hostile config can therefore neither hide the
 * rest of the menu nor make the parser allocate or loop without bound.
 */
public final class ParseContext {
  /** Warnings kept; a config that earns more is broken beyond what a list of them helps with. */
  static final int MAX_WARNINGS = 1000;

  private final Limits limits;
  private final GuestFiles files;
  private final List<Warning> warnings = new ArrayList<>();
  private boolean warningsCut;
  private int entries;
  private boolean entriesCut;
  private long includeBytes;
  private final long includeBudget;

  public ParseContext(Limits limits, GuestFiles files) {
    this.limits = limits;
    this.files = files;
    // Includes may read, in total, as many bytes as includeDepth full-size configs: enough for
    // any real tree (Debian's installer menu is ~20 small files), bounded for a hostile one.
    this.includeBudget = (long) limits.configFileBytes * Math.max(1, limits.includeDepth);
  }

  public Limits limits() {
    return limits;
  }

  public GuestFiles files() {
    return files;
  }

  public void warn(String file, int line, String message) {
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(new Warning(file, line, message));
    } else if (!warningsCut) {
      warningsCut = true;
      warnings.add(new Warning(file, line, "more than " + MAX_WARNINGS + " warnings; the rest are not shown"));
    }
  }

  public List<Warning> warnings() {
    return warnings;
  }

  /** Counts one menu entry; false (with one warning) once {@code Limits.menuEntries} is reached. */
  public boolean takeEntry(String file, int line) {
    if (entries >= limits.menuEntries) {
      if (!entriesCut) {
        entriesCut = true;
        warn(file, line, "more than " + limits.menuEntries + " menu entries; the rest are ignored");
      }
      return false;
    }
    entries++;
    return true;
  }

  /** {@code s} cut to {@code Limits.stringBytes} characters, with a warning when cut. */
  public String bound(String s, String file, int line, String what) {
    if (s.length() <= limits.stringBytes) {
      return s;
    }
    warn(file, line, what + " is longer than " + limits.stringBytes + " characters; cut");
    return s.substring(0, limits.stringBytes);
  }

  /** The top-level config's bytes as text, cut to {@code Limits.configFileBytes}. */
  public String text(String file, byte[] content) {
    int max = limits.configFileBytes;
    if (content.length > max) {
      warn(file, 0, "config is " + content.length + " bytes; only the first " + max + " are read");
    }
    return ConfigText.decode(content, Math.min(content.length, max));
  }

  /**
   * Reads an included file as text, or empty (with a warning naming {@code from} and {@code line})
   * when it is missing or the include budget is spent.
   */
  public Optional<String> readInclude(String device, String path, String from, int line)
      throws IOException {
    int max = limits.configFileBytes;
    if (includeBytes >= includeBudget) {
      warn(from, line, "include " + path + " not read: includes already read " + includeBytes
          + " bytes, the limit is " + includeBudget);
      return Optional.empty();
    }
    int ask = max == Integer.MAX_VALUE ? max : max + 1;
    Optional<byte[]> got = files.read(device, path, ask);
    if (got.isEmpty()) {
      warn(from, line, "included file " + path + " does not exist");
      return Optional.empty();
    }
    byte[] b = got.get();
    int len = b.length;
    if (len > max) {
      warn(from, line, "included file " + path + " is over " + max + " bytes; only the first " + max
          + " are read");
      len = max;
    }
    includeBytes += len;
    return Optional.of(ConfigText.decode(b, len));
  }
}
