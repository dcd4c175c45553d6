package org.jgrub.config.uki;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields of an os-release file (os-release(5): {@code KEY=VALUE} lines, values optionally in
 * single or double quotes, backslash escapes inside double quotes) that a boot menu shows.
 * Missing fields are null.
 */
public record OsRelease(String prettyName, String name, String id, String versionId,
    String version, String imageId, String imageVersion) {

  /** The values of the keys asked for; a key given twice keeps its last value, as systemd's. */
  static final class Fields {
    private final Map<String, String> values = new HashMap<>();

    String get(String key) {
      return values.get(key);
    }
  }

  public static OsRelease parse(String text) {
    Fields f = fields(text, "PRETTY_NAME", "NAME", "ID", "VERSION_ID", "VERSION", "IMAGE_ID",
        "IMAGE_VERSION");
    return new OsRelease(f.get("PRETTY_NAME"), f.get("NAME"), f.get("ID"), f.get("VERSION_ID"),
        f.get("VERSION"), f.get("IMAGE_ID"), f.get("IMAGE_VERSION"));
  }

  /** Reads the lines of {@code text}, keeping the values of {@code keys}. */
  static Fields fields(String text, String... keys) {
    Fields out = new Fields();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end).trim();
      start = end + 1;
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.charAt(0) == '#' || eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq);
      for (String k : keys) {
        if (k.equals(key)) {
          out.values.put(key, unquote(line.substring(eq + 1)));
        }
      }
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      char q = v.charAt(0);
      StringBuilder sb = new StringBuilder(v.length());
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (q == '"' && c == '\\' && i + 1 < v.length() - 1) {
          c = v.charAt(++i);
        }
        sb.append(c);
      }
      return sb.toString();
    }
    return v;
  }
}
