package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** jgrub's repr() against Python's own, run on the same strings (python3 comes with pygrub). */
@Tag("python")
class PyReprTest {
  private static final List<String> CASES =
      List.of(
          "", "/boot/vmlinuz-6.1.0-13-amd64", "root=/dev/xvda1 ro quiet", "it's", "say \"hi\"",
          "both ' and \"", "back\\slash", "tab\there", "new\nline", "cr\rret", "\u0001\u001f\u007f",
          "ünïcødé 名前", "nbsp\u00a0soft\u00adhyphen", "c1\u0085\u009f", "line\u2028sep",
          "emoji \uD83D\uDE00", "zw\u200bspace", "priv\ue000use");

  @Test
  void matchesPython() throws Exception {
    StringBuilder script = new StringBuilder("import sys,json\n");
    script.append("for s in json.load(sys.stdin): sys.stdout.write(repr(s) + '\\n')\n");
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < CASES.size(); i++) {
      json.append(i == 0 ? "" : ",").append(jsonString(CASES.get(i)));
    }
    json.append(']');
    Process p =
        new ProcessBuilder("/usr/bin/python3", "-c", script.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    String[] lines = out.split("\n", -1);
    for (int i = 0; i < CASES.size(); i++) {
      assertEquals(lines[i], PyRepr.repr(CASES.get(i)), "repr of case " + i);
    }
  }

  private static String jsonString(String s) throws IOException {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
