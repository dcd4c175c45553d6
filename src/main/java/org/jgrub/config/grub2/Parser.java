package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Node}s from tokens following GRUB's grammar (grub-core/script/parser.y), one
 * top-level statement at a time, because GRUB reads and runs a config file command by command: a
 * function is only known once its definition has run, and a statement GRUB cannot parse is
 * reported and skipped while the rest of the file still runs.
 */
final class Parser {
  private final String text;
  private final List<Token> toks;
  private final int maxDepth;
  /** For each '{' token, the index of its matching '}' (or -1): makes error recovery linear. */
  private final int[] match;
  private int pos;
  private int depth;

  Parser(String text, List<Token> tokens, int maxDepth) {
    this.text = text;
    this.toks = tokens;
    this.maxDepth = maxDepth;
    this.match = new int[tokens.size()];
    int[] open = new int[tokens.size()];
    int top = 0;
    for (int k = 0; k < tokens.size(); k++) {
      match[k] = -1;
      int kind = tokens.get(k).kind();
      if (kind == Token.LBRACE) {
        open[top++] = k;
      } else if (kind == Token.RBRACE && top > 0) {
        match[open[--top]] = k;
      }
    }
  }

  /** The next top-level statement, or null at the end of the script. */
  Node next() throws SyntaxError {
    skipNewlines();
    Token t = peek();
    if (t.kind() == Token.EOF) {
      return null;
    }
    int start = pos;
    try {
      depth = 0;
      Node n = statement();
      if (n == null) {
        throw new SyntaxError(peek().line(), "unexpected " + describe(peek()));
      }
      endOfStatement();
      return n;
    } catch (SyntaxError e) {
      resync(start);
      throw e;
    }
  }

  /**
   * Skips a broken statement: a braced stanza (menuentry, submenu, function) up to its matching
   * close brace when there is one, so one broken entry does not spill its body into the top level;
   * otherwise up to the end of the line where the error was found.
   */
  private void resync(int start) {
    int errorPos = Math.max(pos, start);
    for (int k = start; k <= errorPos && k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.kind() == Token.LBRACE) {
        if (match[k] > errorPos || (match[k] >= 0 && k == errorPos)) {
          pos = match[k] + 1;
          return;
        }
        break;
      }
      if (t.kind() == Token.NEWLINE) {
        break; // the stanza's brace would be on its first line
      }
    }
    pos = errorPos;
    while (peek().kind() != Token.EOF && peek().kind() != Token.NEWLINE) {
      pos++;
    }
  }

  private Token peek() {
    return toks.get(pos);
  }

  private Token take() {
    Token t = toks.get(pos);
    if (t.kind() != Token.EOF) {
      pos++;
    }
    return t;
  }

  /**
   * After a statement GRUB's grammar wants a delimiter: one ';' or newlines, or the '}' or end of
   * file that closes the list ("} echo" and ";;" are syntax errors in GRUB).
   */
  private void endOfStatement() throws SyntaxError {
    Token t = peek();
    if (t.kind() == Token.SEMI) {
      pos++;
    } else if (t.kind() != Token.NEWLINE && t.kind() != Token.EOF && t.kind() != Token.RBRACE) {
      throw new SyntaxError(t.line(), "unexpected " + describe(t) + " after a command");
    }
  }

  private void skipNewlines() {
    while (peek().kind() == Token.NEWLINE) {
      pos++;
    }
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case Token.WORD -> "'" + t.word() + "'";
      case Token.NEWLINE -> "end of line";
      case Token.SEMI -> "';'";
      case Token.LBRACE -> "'{'";
      case Token.RBRACE -> "'}'";
      case Token.RESERVED -> "one of | & < > (not allowed in GRUB scripts; quote it)";
      default -> "end of file";
    };
  }

  private void expectKeyword(String kw) throws SyntaxError {
    Token t = peek();
    if (!t.isKeyword(kw)) {
      throw new SyntaxError(t.line(), "expected '" + kw + "' but found " + describe(t));
    }
    pos++;
  }

  /** A statement, or null when the next token ends a list (a terminator keyword, '}', EOF). */
  private Node statement() throws SyntaxError {
    Token t = peek();
    if (t.kind() == Token.RESERVED || t.kind() == Token.LBRACE) {
      throw new SyntaxError(t.line(), "unexpected " + describe(t));
    }
    if (t.kind() != Token.WORD) {
      return null;
    }
    String kw = t.word().plainText();
    if (kw != null) {
      switch (kw) {
        case "if":
          return ifStatement();
        case "while":
        case "until":
          return loop(kw.equals("until"));
        case "for":
          return forLoop();
        case "function":
          return function();
        case "menuentry":
          return menu(false);
        case "submenu":
          return menu(true);
        case "then":
        case "elif":
        case "else":
        case "fi":
        case "do":
        case "done":
          return null;
        default:
          break;
      }
    }
    return command();
  }

  private Node.Command command() throws SyntaxError {
    int line = peek().line();
    List<Word> words = new ArrayList<>();
    while (peek().kind() == Token.WORD) {
      words.add(take().word());
    }
    Token t = peek();
    if (t.kind() == Token.RESERVED || t.kind() == Token.LBRACE) {
      throw new SyntaxError(t.line(), "unexpected " + describe(t));
    }
    return new Node.Command(words.toArray(new Word[0]), line);
  }

  /**
   * Statements up to a terminator keyword, '}' or EOF (not consumed). GRUB's grammar has no empty
   * lists: "if true; then fi" and "menuentry t { }" are syntax errors.
   */
  private Node.Block list() throws SyntaxError {
    int line = peek().line();
    if (++depth > maxDepth) {
      throw new SyntaxError(line, "blocks nested deeper than " + maxDepth);
    }
    List<Node> body = new ArrayList<>();
    while (true) {
      skipNewlines();
      Node n = statement();
      if (n == null) {
        break;
      }
      body.add(n);
      endOfStatement();
    }
    if (body.isEmpty()) {
      throw new SyntaxError(peek().line(), "empty block before " + describe(peek()));
    }
    depth--;
    return new Node.Block(body, line);
  }

  private Node ifStatement() throws SyntaxError {
    int line = take().line();
    List<Node.Block> conds = new ArrayList<>();
    List<Node.Block> bodies = new ArrayList<>();
    conds.add(list());
    expectKeyword("then");
    bodies.add(list());
    Node.Block otherwise = null;
    while (true) {
      Token t = peek();
      if (t.isKeyword("elif")) {
        pos++;
        conds.add(list());
        expectKeyword("then");
        bodies.add(list());
      } else if (t.isKeyword("else")) {
        pos++;
        otherwise = list();
        expectKeyword("fi");
        break;
      } else {
        expectKeyword("fi");
        break;
      }
    }
    return new Node.If(conds, bodies, otherwise, line);
  }

  private Node loop(boolean until) throws SyntaxError {
    int line = take().line();
    Node.Block cond = list();
    expectKeyword("do");
    Node.Block body = list();
    expectKeyword("done");
    return new Node.Loop(until, cond, body, line);
  }

  private Node forLoop() throws SyntaxError {
    int line = take().line();
    Token name = take();
    if (name.kind() != Token.WORD || name.word().plainText() == null) {
      throw new SyntaxError(line, "for: expected a variable name");
    }
    expectKeyword("in");
    List<Word> words = new ArrayList<>();
    while (peek().kind() == Token.WORD) {
      words.add(take().word());
    }
    if (!peek().isSeparator()) {
      throw new SyntaxError(peek().line(), "for: unexpected " + describe(peek()));
    }
    pos++;
    skipNewlines();
    expectKeyword("do");
    Node.Block body = list();
    expectKeyword("done");
    return new Node.For(name.word().plainText(), words.toArray(new Word[0]), body, line);
  }

  private Node function() throws SyntaxError {
    int line = take().line();
    Token name = take();
    if (name.kind() != Token.WORD || name.word().plainText() == null) {
      throw new SyntaxError(line, "function: expected a name");
    }
    skipNewlines();
    Token open = take();
    if (open.kind() != Token.LBRACE) {
      throw new SyntaxError(open.line(), "function " + name.word() + ": expected '{'");
    }
    Node.Block body = list();
    Token close = take();
    if (close.kind() != Token.RBRACE) {
      throw new SyntaxError(close.line(), "function " + name.word() + ": expected '}' but found " + describe(close));
    }
    return new Node.Function(name.word().plainText(), body, line);
  }

  private Node menu(boolean submenu) throws SyntaxError {
    int start = pos;
    int line = take().line();
    String what = submenu ? "submenu" : "menuentry";
    List<Word> words = new ArrayList<>();
    while (peek().kind() == Token.WORD) {
      words.add(take().word());
    }
    if (peek().kind() != Token.LBRACE) {
      // Without a block it parses as a plain command, which GRUB refuses when it runs.
      pos = start;
      return command();
    }
    Token open = take();
    Node.Block body = list();
    Token close = take();
    if (close.kind() != Token.RBRACE) {
      throw new SyntaxError(
          close.line(), what + " at line " + line + ": expected '}' but found " + describe(close));
    }
    String source = text.substring(open.end(), close.start());
    return new Node.Menu(submenu, words.toArray(new Word[0]), body, source, line);
  }
}
