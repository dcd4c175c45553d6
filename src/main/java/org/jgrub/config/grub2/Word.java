package org.jgrub.config.grub2;

/**
 * One word of a GRUB script as the lexer found it: a run of parts, each a literal (unquoted,
 * single- or double-quoted) or a variable reference (unquoted or inside double quotes). Expansion
 * happens when the command runs, so the parts are kept apart.
 */
final class Word {
  /** Unquoted literal text (escapes already removed). */
  static final byte LIT = 0;
  /** Quoted literal text ('...' or the literal pieces of "..."). */
  static final byte QUOTED = 1;
  /** An unquoted variable reference: its value is split into fields. */
  static final byte VAR = 2;
  /** A variable reference inside double quotes: its value stays one field. */
  static final byte QVAR = 3;

  final byte[] types;
  final String[] texts;
  final int line;
  /** True when the word is exactly one unquoted literal without escapes: a keyword candidate. */
  final boolean plain;

  Word(byte[] types, String[] texts, int line, boolean plain) {
    this.types = types;
    this.texts = texts;
    this.line = line;
    this.plain = plain;
  }

  /** The literal text of a plain word ("if", "menuentry", "{"), else null. */
  String plainText() {
    return plain ? texts[0] : null;
  }

  boolean isPlain(String s) {
    return plain && texts[0].equals(s);
  }

  /** The word as written, for messages. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == VAR || types[i] == QVAR) {
        sb.append("${").append(texts[i]).append('}');
      } else {
        sb.append(texts[i]);
      }
    }
    return sb.toString();
  }
}
