package org.jgrub.config.grub2;

import java.util.List;

/** The syntax tree of a GRUB script (grub-core/script/parser.y), one record per construct. */
sealed interface Node {
  int line();

  /** A simple command: its words, expanded when it runs. */
  record Command(Word[] words, int line) implements Node {}

  /** A sequence of statements. */
  record Block(List<Node> body, int line) implements Node {}

  /** if/elif/else: {@code conds[i]} guards {@code bodies[i]}; {@code otherwise} may be null. */
  record If(List<Block> conds, List<Block> bodies, Block otherwise, int line) implements Node {}

  /** while (or until, when {@code until}) COND; do BODY; done. */
  record Loop(boolean until, Block cond, Block body, int line) implements Node {}

  /** for NAME in WORDS; do BODY; done. */
  record For(String name, Word[] words, Block body, int line) implements Node {}

  /** function NAME { BODY }. */
  record Function(String name, Block body, int line) implements Node {}

  /**
   * menuentry or submenu: the words between the keyword and the brace, the body, and the body as
   * written (GRUB keeps the source text for its editor).
   */
  record Menu(boolean submenu, Word[] args, Block body, String source, int line) implements Node {}
}
