package org.jgrub.config.grub2;

/**
 * A lexical token of a GRUB script: a word, a separator ({@code ;} or newline), a brace, or one of
 * the redirection characters GRUB reserves but never accepts.
 *
 * @param start offset of the token's first character in the script text
 * @param end offset just past the token
 */
record Token(int kind, Word word, int line, int start, int end) {
  static final int WORD = 0;
  static final int NEWLINE = 1;
  static final int SEMI = 2;
  static final int LBRACE = 3;
  static final int RBRACE = 4;
  /** {@code | & < >}: tokens in GRUB's lexer that no rule of its grammar accepts. */
  static final int RESERVED = 5;
  static final int EOF = 6;

  boolean isSeparator() {
    return kind == NEWLINE || kind == SEMI;
  }

  /** True for a plain word spelling the keyword {@code kw}. */
  boolean isKeyword(String kw) {
    return kind == WORD && word.isPlain(kw);
  }
}
