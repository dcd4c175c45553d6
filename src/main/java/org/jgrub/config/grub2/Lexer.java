package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a GRUB script into tokens following GRUB's own lexer (grub-core/script/yylex.l): words
 * made of unquoted characters, {@code '...'}, {@code "..."} (where only {@code \\ \" \$} and
 * backslash-newline are escapes), backslash escapes, and {@code $name}, {@code ${name}},
 * {@code $1}, {@code $?}, {@code $#}, {@code $@}, {@code $*}; {@code #} starts a comment only at the
 * start of a word; backslash-newline continues a line; {@code ; newline { }} are tokens of their
 * own, and {@code | & < >} are tokens GRUB's grammar rejects.
 *
 * <p>The script text is a Latin-1 view of the file's bytes, so every byte survives unchanged.
 */
final class Lexer {
  private final String s;
  /**
   * The text as an array: the lexer looks at every character, and the JVM interprets this code
   * at start-up, where an array access costs a fraction of {@code String.charAt}.
   */
  private final char[] a;
  private final int n;
  private int i;
  private int line;
  private final List<Token> out = new ArrayList<>();
  /** Set when the text ends inside a quote: the last token is then an error token. */
  private String error;

  private Lexer(String s) {
    this.s = s;
    this.a = s.toCharArray();
    this.n = a.length;
    this.line = 1;
  }

  /** Tokenizes {@code text}; the list always ends with an EOF token. */
  static Lexer run(String text) {
    Lexer lx = new Lexer(text);
    lx.lex();
    return lx;
  }

  List<Token> tokens() {
    return out;
  }

  /** A message when the text ended inside a quote (the tokens stop there), else null. */
  String error() {
    return error;
  }

  private void lex() {
    while (i < n && error == null) {
      char c = a[i];
      int start = i;
      switch (c) {
        case ' ', '\t', '\r', '\f' -> i++;
        case '\n' -> {
          i++;
          out.add(new Token(Token.NEWLINE, null, line, start, i));
          line++;
        }
        case ';' -> {
          i++;
          out.add(new Token(Token.SEMI, null, line, start, i));
        }
        case '{' -> {
          i++;
          out.add(new Token(Token.LBRACE, null, line, start, i));
        }
        case '}' -> {
          i++;
          out.add(new Token(Token.RBRACE, null, line, start, i));
        }
        case '|', '&', '<', '>' -> {
          i++;
          out.add(new Token(Token.RESERVED, null, line, start, i));
        }
        case '#' -> {
          while (i < n && a[i] != '\n') {
            i++;
          }
        }
        default -> {
          if (c == '\\' && i + 1 < n && a[i + 1] == '\n') {
            i += 2; // line continuation between words
            line++;
          } else {
            int startLine = line;
            Word w = word(startLine);
            if (w != null) {
              out.add(new Token(Token.WORD, w, startLine, start, i));
            }
          }
        }
      }
    }
    out.add(new Token(Token.EOF, null, line, n, n));
  }

  private static boolean endsWord(char c) {
    return switch (c) {
      case ' ', '\t', '\r', '\f', '\n', ';', '{', '}', '|', '&', '<', '>' -> true;
      default -> false;
    };
  }

  /**
   * ASCII characters that end a run of ordinary word characters: those that end the word, and
   * the quotes, backslash and dollar that start another part. A table lookup, not a call: at
   * start-up this code runs interpreted.
   */
  private static final boolean[] STOPS_WORD_RUN = new boolean[128];
  /** Inside "...": the characters the loop must look at one by one. */
  private static final boolean[] STOPS_QUOTED_RUN = new boolean[128];

  static {
    for (char c : " \t\r\f\n;{}|&<>\\'\"$".toCharArray()) {
      STOPS_WORD_RUN[c] = true;
    }
    for (char c : "\"\\$\n".toCharArray()) {
      STOPS_QUOTED_RUN[c] = true;
    }
  }

  /** The end of the run of characters from {@code from} that {@code stops} does not stop. */
  private int runEnd(int from, boolean[] stops) {
    int j = from;
    while (j < n) {
      char d = a[j];
      if (d < 128 && stops[d]) {
        break;
      }
      j++;
    }
    return j;
  }

  /** Appends {@code a[from, to)} to the literal run of {@code type}. */
  private void appendRun(byte type, int from, int to) {
    openLit(type);
    if (litSlice && (litLen == 0 || litTo == from)) {
      // Still one slice of the script: remember where; the string is cut out at the end.
      if (litLen == 0) {
        litFrom = from;
      }
      litTo = to;
      litLen += to - from;
      return;
    }
    unslice();
    int len = to - from;
    if (litLen + len > lit.length) {
      lit = Arrays.copyOf(lit, Math.max(lit.length * 2, litLen + len));
    }
    System.arraycopy(a, from, lit, litLen, len);
    litLen += len;
  }

  // Parts of the word being built; a literal run is kept until a part of another kind starts.
  // While the run is a plain slice of the script (no escapes), only its bounds are kept and the
  // string is a substring: building strings character by character is what costs at start-up,
  // when this code runs interpreted.
  private char[] lit = new char[64];
  private int litLen;
  private byte litType;
  private boolean litOpen;
  private boolean litSlice;
  private int litFrom;
  private int litTo;
  private String[] partTexts = new String[8];
  private byte[] partTypes = new byte[8];
  private int parts;

  private void appendLit(byte type, char c) {
    openLit(type);
    put(c);
  }

  /** Appends to the literal run (an array for the same reason as {@link #a}). */
  private void put(char c) {
    unslice();
    if (litLen == lit.length) {
      lit = Arrays.copyOf(lit, litLen * 2);
    }
    lit[litLen++] = c;
  }

  /** Turns a run kept as a slice into characters in {@link #lit}, to append others. */
  private void unslice() {
    if (litSlice) {
      litSlice = false;
      if (litLen > lit.length) {
        lit = new char[Math.max(lit.length * 2, litLen)];
      }
      System.arraycopy(a, litFrom, lit, 0, litLen);
    }
  }

  private void openLit(byte type) {
    if (litOpen && litType != type) {
      flushLit();
    }
    if (!litOpen) {
      litOpen = true;
      litType = type;
      litSlice = true;
      litLen = 0;
    }
  }

  private void flushLit() {
    if (litOpen) {
      addPart(litType, litSlice ? s.substring(litFrom, litFrom + litLen) : new String(lit, 0, litLen));
      litLen = 0;
      litOpen = false;
    }
  }

  private void addVar(byte type, String name) {
    flushLit();
    addPart(type, name);
  }

  private void addPart(byte type, String text) {
    if (parts == partTexts.length) {
      partTexts = Arrays.copyOf(partTexts, parts * 2);
      partTypes = Arrays.copyOf(partTypes, parts * 2);
    }
    partTexts[parts] = text;
    partTypes[parts] = type;
    parts++;
  }

  private Word word(int startLine) {
    boolean plain = true;
    parts = 0;
    litLen = 0;
    litOpen = false;
    while (i < n) {
      char c = a[i];
      if (endsWord(c)) {
        break;
      }
      if (c == '\\') {
        plain = false;
        if (i + 1 >= n) {
          appendLit(Word.LIT, '\\');
          i++;
        } else if (a[i + 1] == '\n') {
          i += 2;
          line++;
        } else {
          appendLit(Word.LIT, a[i + 1]);
          i += 2;
        }
      } else if (c == '\'') {
        plain = false;
        int close = s.indexOf('\'', i + 1);
        if (close < 0) {
          error = "unterminated single quote starting at line " + line;
          return null;
        }
        for (int k = i + 1; k < close; k++) {
          if (a[k] == '\n') {
            line++;
          }
        }
        appendRun(Word.QUOTED, i + 1, close);
        i = close + 1;
      } else if (c == '"') {
        plain = false;
        i++;
        if (!doubleQuoted()) {
          return null;
        }
      } else if (c == '$') {
        plain = false;
        if (i + 1 < n && a[i + 1] == '"') {
          i += 2; // $"..." is a translatable string: without a catalogue it reads as "..."
          if (!doubleQuoted()) {
            return null;
          }
        } else if (!variable(Word.VAR)) {
          appendLit(Word.LIT, '$');
          i++;
        }
      } else {
        int end = runEnd(i + 1, STOPS_WORD_RUN);
        appendRun(Word.LIT, i, end);
        i = end;
      }
    }
    flushLit();
    int k = parts;
    if (k == 0) {
      return null;
    }
    byte[] types = new byte[k];
    String[] texts = new String[k];
    System.arraycopy(partTypes, 0, types, 0, k);
    System.arraycopy(partTexts, 0, texts, 0, k);
    Arrays.fill(partTexts, 0, k, null);
    return new Word(types, texts, startLine, plain && k == 1);
  }

  /** Reads the inside of "..." (i is just past the opening quote); false at an unterminated one. */
  private boolean doubleQuoted() {
    openLit(Word.QUOTED); // "" is an empty, but present, argument
    int startLine = line;
    while (i < n) {
      char c = a[i];
      if (c == '"') {
        i++;
        return true;
      }
      if (c == '\\' && i + 1 < n) {
        char d = a[i + 1];
        if (d == '\n') {
          i += 2;
          line++;
          continue;
        }
        if (d == '\\' || d == '"' || d == '$') {
          appendLit(Word.QUOTED, d);
          i += 2;
          continue;
        }
        appendLit(Word.QUOTED, '\\');
        i++;
        continue;
      }
      if (c == '$' && variable(Word.QVAR)) {
        continue;
      }
      if (c == '\n') {
        line++;
      }
      int end = runEnd(i + 1, STOPS_QUOTED_RUN);
      appendRun(Word.QUOTED, i, end);
      i = end;
    }
    error = "unterminated double quote starting at line " + startLine;
    return false;
  }

  /** Reads a variable reference at i ('$'); false (nothing consumed) when it is a literal '$'. */
  private boolean variable(byte type) {
    if (i + 1 >= n) {
      return false;
    }
    char c = a[i + 1];
    if (c == '{') {
      int close = s.indexOf('}', i + 2);
      if (close < 0 || !validName(i + 2, close)) {
        return false;
      }
      addVar(type, s.substring(i + 2, close));
      i = close + 1;
      return true;
    }
    int end = nameEnd(i + 1);
    if (end == i + 1) {
      return false;
    }
    addVar(type, s.substring(i + 1, end));
    i = end;
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpecial(char c) {
    return c == '?' || c == '#' || c == '*' || c == '@';
  }

  /** The end of a NAME, DIGITS or special variable name starting at {@code p}. */
  private int nameEnd(int p) {
    if (p >= n) {
      return p;
    }
    char c = a[p];
    if (isSpecial(c)) {
      return p + 1;
    }
    if (isDigit(c)) {
      int q = p;
      while (q < n && isDigit(a[q])) {
        q++;
      }
      return q;
    }
    if (!isAlpha(c)) {
      return p;
    }
    int q = p;
    while (q < n && (isAlpha(a[q]) || isDigit(a[q]))) {
      q++;
    }
    return q;
  }

  private boolean validName(int from, int to) {
    return to > from && nameEnd(from) == to;
  }
}
