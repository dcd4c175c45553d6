package org.jgrub.config.lilo;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits lilo.conf into settings the way LILO's cfg.c reads it: free-form words, not lines
 * (several settings may share a line, blanks may surround '='), '#' starting a word begins a
 * comment to the end of the line, values may be double-quoted to hold blanks, and a backslash
 * escapes the next character, a backslash before a newline joining the lines.
 */
final class LiloTokens {
  /** The settings, and the lines where a quoted value never closed. */
  record Result(List<LiloItem> items, List<Integer> unclosedQuotes) {}

  private final String text;
  private int pos;
  private int line = 1;
  private final List<Integer> unclosed = new ArrayList<>();

  private LiloTokens(String text) {
    this.text = text;
  }

  static Result items(String text, int maxItems) {
    LiloTokens t = new LiloTokens(text);
    List<LiloItem> items = t.all(maxItems);
    return new Result(items, t.unclosed);
  }

  private List<LiloItem> all(int maxItems) {
    List<LiloItem> out = new ArrayList<>();
    while (out.size() < maxItems) {
      skipBlanksAndComments();
      if (pos >= text.length()) {
        break;
      }
      int at = line;
      String name = word();
      if (name.isEmpty()) {
        // A stray '=' or quote where a name should be: skip the character.
        advance();
        continue;
      }
      skipSpaces();
      String value = null;
      if (pos < text.length() && text.charAt(pos) == '=') {
        advance();
        skipSpaces();
        value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : word();
      }
      out.add(new LiloItem(name, value, at));
    }
    return out;
  }

  private void skipBlanksAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
        advance();
        advance();
      } else if (Character.isWhitespace(c)) {
        advance();
      } else {
        return;
      }
    }
  }

  /** Blanks between a name, '=' and its value; a value may be on the next line (cfg.c). */
  private void skipSpaces() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
        advance();
        advance();
      } else {
        return;
      }
    }
  }

  private String word() {
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c) || c == '=' || c == '"') {
        break;
      }
      if (c == '\\' && pos + 1 < text.length()) {
        advance();
        c = text.charAt(pos);
        advance();
        if (c != '\n') {
          b.append(c);
        }
        continue;
      }
      b.append(c);
      pos++;
    }
    return b.toString();
  }

  private String quoted() {
    int start = line;
    advance();
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      advance();
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char d = text.charAt(pos);
        advance();
        if (d != '\n') {
          b.append(d);
        }
        continue;
      }
      b.append(c);
    }
    // An unterminated quote runs to the end of the file; keep what was read and say so.
    unclosed.add(start);
    return b.toString();
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
    }
    pos++;
  }
}
