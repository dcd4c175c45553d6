package org.jgrub.config.uki;

/**
 * The fields of an os-release file (os-release(5): {@code KEY=VALUE} lines, values optionally in
 * single or double quotes, backslash escapes inside double quotes) that a boot menu shows.
 * Missing fields are null.
 */
public record OsRelease(String prettyName, String name, String id, String versionId,
    String version, String imageId, String imageVersion) {

  public static OsRelease parse(String text) {
    String pretty = null;
    String name = null;
    String id = null;
    String versionId = null;
    String version = null;
    String imageId = null;
    String imageVersion = null;
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
      String value = unquote(line.substring(eq + 1));
      switch (key) {
        case "PRETTY_NAME" -> pretty = value;
        case "NAME" -> name = value;
        case "ID" -> id = value;
        case "VERSION_ID" -> versionId = value;
        case "VERSION" -> version = value;
        case "IMAGE_ID" -> imageId = value;
        case "IMAGE_VERSION" -> imageVersion = value;
        default -> { }
      }
    }
    return new OsRelease(pretty, name, id, versionId, version, imageId, imageVersion);
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
