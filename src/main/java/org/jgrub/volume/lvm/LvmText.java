package org.jgrub.volume.lvm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.io.CorruptDataException;

/**
 * LVM's metadata text (lib/config/config.c's syntax): {@code name { ... }} sections, {@code key =
 * value} with a value that is a quoted string, an integer, a float (kept as text) or a {@code [
 * ... ]} array of those; {@code #} comments. Nesting, the number of values and the length of an
 * integer are bounded, since the text is the guest's.
 */
final class LvmText {
  /** Real metadata nests four deep (VG, logical_volumes, LV, segment); anything past this is hostile. */
  static final int MAX_DEPTH = 8;
  /** Values and sections in all; a VG of 1,000 LVs of 10 segments stays well below. */
  static final int MAX_ITEMS = 200_000;

  /**
   * A section: its name, its path from the top for messages ("vg0/logical_volumes/boot"), its keys
   * in order, each a String, Long, List of those, or Section.
   */
  record Section(String name, String path, Map<String, Object> items) {
    Section sub(String key) {
      Object o = items.get(key);
      return o instanceof Section s ? s : null;
    }

    String string(String key) throws CorruptDataException {
      Object o = items.get(key);
      if (o instanceof String s) {
        return s;
      }
      throw new CorruptDataException("LVM metadata: " + path + "/" + key + " is not a string");
    }

    long number(String key) throws CorruptDataException {
      Object o = items.get(key);
      if (o instanceof Long l) {
        return l;
      }
      throw new CorruptDataException("LVM metadata: " + path + "/" + key + " is not a number");
    }

    List<?> array(String key) throws CorruptDataException {
      Object o = items.get(key);
      if (o instanceof List<?> l) {
        return l;
      }
      throw new CorruptDataException("LVM metadata: " + path + "/" + key + " is not an array");
    }

    List<Section> sections() {
      List<Section> out = new ArrayList<>();
      for (Object o : items.values()) {
        if (o instanceof Section s) {
          out.add(s);
        }
      }
      return out;
    }
  }

  private final String text;
  private int pos;
  private int items;

  private LvmText(String text) {
    this.text = text;
  }

  static Section parse(String text) throws CorruptDataException {
    LvmText p = new LvmText(text);
    return p.body("", "", 0, false);
  }

  private Section body(String name, String path, int depth, boolean closed) throws CorruptDataException {
    if (depth > MAX_DEPTH) {
      throw error("sections nested deeper than " + MAX_DEPTH);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        if (closed) {
          throw error("section " + path + " is not closed");
        }
        return new Section(name, path, map);
      }
      char c = text.charAt(pos);
      if (c == '}') {
        if (!closed) {
          throw error("'}' without a section");
        }
        pos++;
        return new Section(name, path, map);
      }
      String key = identifier();
      count();
      skipSpace();
      char n = pos < text.length() ? text.charAt(pos) : 0;
      String sub = path.isEmpty() ? key : path + "/" + key;
      if (n == '{') {
        pos++;
        map.put(key, body(key, sub, depth + 1, true));
      } else if (n == '=') {
        pos++;
        map.put(key, value(true));
      } else {
        throw error("expected '{' or '=' after " + sub);
      }
    }
  }

  private Object value(boolean arrayAllowed) throws CorruptDataException {
    skipSpace();
    if (pos >= text.length()) {
      throw error("value missing at the end");
    }
    char c = text.charAt(pos);
    if (c == '"') {
      return string();
    }
    if (c == '[' && arrayAllowed) {
      pos++;
      List<Object> out = new ArrayList<>();
      while (true) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ']') {
          pos++;
          return out;
        }
        count();
        out.add(value(false));
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        } else if (pos >= text.length() || text.charAt(pos) != ']') {
          throw error("expected ',' or ']' in an array");
        }
      }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    throw error("unexpected character '" + printable(c) + "'");
  }

  private Object number() throws CorruptDataException {
    int start = pos;
    pos++;
    boolean real = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        real = true;
      } else if (c < '0' || c > '9') {
        break;
      }
      pos++;
    }
    String s = text.substring(start, pos);
    if (real) {
      return s;
    }
    // 19 digits always fit a long; longer numbers do not occur in real metadata.
    if (s.length() > 19 || s.equals("-")) {
      throw error("number " + (s.length() > 24 ? s.substring(0, 24) + "…" : s) + " out of range");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error("number " + s + " out of range");
    }
  }

  private String string() throws CorruptDataException {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      sb.append(c);
    }
    throw error("string not closed");
  }

  private String identifier() throws CorruptDataException {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
              || c == '-' || c == '.' || c == '+';
      if (!ok) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw error("unexpected character '" + printable(text.charAt(pos)) + "'");
    }
    return text.substring(start, pos);
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
        pos++;
      } else {
        return;
      }
    }
  }

  private void count() throws CorruptDataException {
    if (++items > MAX_ITEMS) {
      throw error("more than " + MAX_ITEMS + " values");
    }
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? "\\x" + Integer.toHexString(c & 0xff) : String.valueOf(c);
  }

  private CorruptDataException error(String what) {
    int line = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new CorruptDataException("LVM metadata line " + line + ": " + what);
  }
}
