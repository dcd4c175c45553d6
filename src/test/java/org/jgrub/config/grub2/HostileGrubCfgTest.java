package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Menu;
import org.jgrub.io.JgrubException;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile grub.cfg files: each ends in a menu with warnings or a jgrub exception,
 * quickly, whatever the bytes.
 */
class HostileGrubCfgTest {
  static final String DEV = "hd0,msdos1";

  static Menu parse(byte[] cfg) throws IOException {
    MapFiles f = new MapFiles(DEV).uuid(DEV, "3f2b9c4e-5a61-4d1e-9b7a-2c8d0e6f1a47");
    return new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub/grub.cfg", cfg), f);
  }

  /** Parses, accepting only a menu or one of jgrub's own exceptions. */
  static void survives(byte[] cfg) {
    try {
      parse(cfg);
    } catch (JgrubException e) {
      // a clean "no entries" or limit error is a correct outcome
    } catch (IOException e) {
      throw new AssertionError("not a jgrub exception: " + e, e);
    }
  }

  @Test
  void everyTruncationOfARealConfig() throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/debian12-xen-host.cfg"));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int cut = 0; cut < cfg.length; cut += 7) {
        byte[] part = new byte[cut];
        System.arraycopy(cfg, 0, part, 0, cut);
        survives(part);
      }
    });
  }

  @Test
  void randomByteDamageToARealConfig() throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/ubuntu-22.04.cfg"));
    byte[] special = "{}'\"$\\;#\n|<[]".getBytes(StandardCharsets.ISO_8859_1);
    Random r = new Random(20240101);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int round = 0; round < 400; round++) {
        byte[] d = cfg.clone();
        for (int k = 0; k < 4; k++) {
          int at = r.nextInt(d.length);
          d[at] = r.nextBoolean() ? special[r.nextInt(special.length)] : (byte) r.nextInt(256);
        }
        survives(d);
      }
    });
  }

  @Test
  void unbalancedBracesStayLinear() throws Exception {
    byte[] cfg = "menuentry x {\n".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> survives(cfg));
  }

  @Test
  void manyVariablesCannotFillMemory() throws Exception {
    String big = "x".repeat(1 << 18);
    String script = "b=" + big + "\nfor i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do"
        + " for j in a b c d e f g h i j k l m n o p q r s t u v w x y z; do"
        + " for k in a b c d e f g h i j k l m n o p q r s t u v w x y z; do"
        + " set v$i$j$k=$b$b; done; done; done\nmenuentry Late { linux /v }\n";
    Menu m = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> parse(("menuentry Early { linux /v }\n" + script).getBytes(StandardCharsets.US_ASCII)));
    assertEquals(1, m.items().size());
    assertTrue(m.warnings().get(0).message().contains("expanding more than"), m.warnings().toString());
    // A word over stringBytes is skipped, and its expansion still counts against the budget.
    Menu big2 = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parse(
        ("menuentry Early { linux /v }\n" + script.replace("$b$b", "$b$b$b$b$b"))
            .getBytes(StandardCharsets.US_ASCII)));
    assertEquals(1, big2.items().size());
    assertTrue(big2.warnings().stream().anyMatch(w -> w.message().contains("expanding more than")));
  }
}
