package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser accepts and refuses what GRUB's own parser does. Each expectation is the verdict of
 * {@code grub-script-check} from grub-common 2.06-13+deb12u2 on that one-line script (ok: exit 0;
 * error: "syntax error"). Function definitions are left out: grub-script-check reports a file
 * that ends with one as an error even though GRUB runs it.
 */
class GrubScriptCheckTest {
  /** Lexes and parses; the first syntax error's message, or "ok". */
  static String verdict(String script) {
    Lexer lx = Lexer.run(script);
    if (lx.error() != null) {
      return "error";
    }
    Parser p = new Parser(script, lx.tokens(), 64);
    List<Node> nodes = new ArrayList<>();
    try {
      for (Node n = p.next(); n != null; n = p.next()) {
        nodes.add(n);
      }
    } catch (SyntaxError e) {
      return "error";
    }
    return "ok";
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
    "echo hello => ok",
    "echo 'unterminated => error",
    "echo \"unterminated => error",
    "echo a > b => error",
    "echo a | b => error",
    "echo a & b => error",
    "echo a < b => error",
    "echo a{b => error",
    "echo } => error",
    "echo { => error",
    "if true; then fi => error",
    "if true; then echo; fi => ok",
    "if true; then echo; else fi => error",
    "if true then echo; fi => error",
    "if true; then echo; elif false; then echo; fi => ok",
    "while true; do echo; done => ok",
    "while true; do done => error",
    "until false; do echo; done => ok",
    "for x in a b c; do echo $x; done => ok",
    "for x in; do echo; done => ok",
    "for in a; do echo; done => error",
    "menuentry t { echo; } => ok",
    "menuentry t { } => error",
    "menuentry { echo; } => ok",
    "menuentry t => ok",
    "submenu s { menuentry t { echo; } } => ok",
    "x=1 y => ok",
    "x=1; echo $x => ok",
    "echo ${x => error",
    "echo ${1}${#}${?}${@} => ok",
    "echo $\"translated\" => ok",
    "fi => error",
    "done => error",
    "then => error",
    "echo a;; => error",
    "; => error",
    "echo # comment ; fi => ok",
    "echo a#b => ok",
    "{ echo; } => error",
    "echo ${a-b} => error",
    "if [ \"$x\" = y ] ; then echo; fi => ok",
    "menuentry 'a' --class x $menuentry_id_option 'id' { linux /v; initrd /i } => ok",
    "menuentry t { echo;; } => error",
    "`menuentry t {\n# c\n}` => error",
    "`echo a\n\n;` => error",
    "`if true; then\n\necho\n\nfi` => ok",
    "`menuentry t {\necho\n}; echo b` => ok",
    "`menuentry t {\necho\n} echo b` => error",
  })
  void sameVerdictAsGrubScriptCheck(String script, String expected) {
    assertEquals(expected, verdict(script.replace("\\n", "\n") + "\n"));
  }
}
