package org.jgrub.config.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Warning;
import org.jgrub.config.grub1.Grub1Parser;
import org.jgrub.config.lilo.LiloParser;
import org.jgrub.config.syslinux.SyslinuxParser;
import org.jgrub.io.Limits;
import org.junit.jupiter.api.Test;

/**
 * Configs written to hurt: garbage bytes, invalid UTF-8, oversized files, entry floods, include
 * fan-out. Each must give a menu (perhaps empty) with warnings, quickly, never an exception.
 */
class HostileSimpleConfigTest {
  private static final List<ConfigParser> PARSERS =
      List.of(new Grub1Parser(), new SyslinuxParser(), new LiloParser());

  private static Menu parse(ConfigParser p, MemGuestFiles files, String path, byte[] content) {
    files.put("hd0,msdos1", path, content);
    return assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> p.parse(files.config(path), files));
  }

  private static Menu parse(ConfigParser p, byte[] content) {
    return parse(p, new MemGuestFiles("hd0,msdos1"), "/boot/config", content);
  }

  private static boolean warned(Menu m, String text) {
    for (Warning w : m.warnings()) {
      if (w.message().contains(text)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void randomBytesNeverThrow() {
    Random r = new Random(20261125);
    for (int round = 0; round < 20; round++) {
      byte[] b = new byte[1 + r.nextInt(64 * 1024)];
      r.nextBytes(b);
      for (ConfigParser p : PARSERS) {
        Menu m = parse(p, b);
        assertTrue(m.warnings().size() <= 1001, p.format());
      }
    }
  }

  @Test
  void invalidUtf8IsReplacedNotFatal() {
    byte[] grub = "title Caf\u00e9 \u00ff\nkernel /vmlinuz quiet\n".getBytes(StandardCharsets.ISO_8859_1);
    Menu m = parse(new Grub1Parser(), grub);
    assertEquals("Caf\uFFFD \uFFFD", m.items().get(0).title());
    assertEquals("/vmlinuz", ((Entry) m.items().get(0)).kernel());
    byte[] sys = "LABEL a\nMENU LABEL \u00e9t\u00e9\nLINUX /a\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("\uFFFDt\uFFFD", parse(new SyslinuxParser(), sys).items().get(0).title());
    byte[] lilo = "image=/a label=\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("\uFFFD", parse(new LiloParser(), lilo).items().get(0).title());
  }

  @Test
  void entryFloodStopsAtMenuEntries() {
    StringBuilder g = new StringBuilder();
    StringBuilder s = new StringBuilder();
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      g.append("title t").append(i).append("\nkernel /k\n");
      s.append("LABEL t").append(i).append("\nLINUX /k\n");
      l.append("image=/k label=t").append(i).append('\n');
    }
    Menu gm = parse(new Grub1Parser(), g.toString().getBytes(StandardCharsets.UTF_8));
    Menu sm = parse(new SyslinuxParser(), s.toString().getBytes(StandardCharsets.UTF_8));
    Menu lm = parse(new LiloParser(), l.toString().getBytes(StandardCharsets.UTF_8));
    for (Menu m : List.of(gm, sm, lm)) {
      assertEquals(Limits.DEFAULT.menuEntries, m.items().size(), m.format().name());
      assertTrue(warned(m, "more than 10000 menu entries"), m.format().name());
    }
  }

  @Test
  void oversizedConfigAndStringsAreCut() {
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.configFileBytes = 4096;
    b.stringBytes = 64;
    String longTitle = "x".repeat(200);
    byte[] grub = ("title " + longTitle + "\nkernel /k\n" + "#".repeat(8000) + "\ntitle late\nkernel /l\n")
        .getBytes(StandardCharsets.UTF_8);
    Menu m = parse(new Grub1Parser(), new MemGuestFiles("hd0,msdos1").withLimits(b.build()),
        "/boot/config", grub);
    assertEquals(1, m.items().size());
    assertEquals(64, m.items().get(0).title().length());
    assertTrue(warned(m, "only the first 4096 are read"));
    assertTrue(warned(m, "longer than 64"));
  }

  @Test
  void includeFanOutIsBoundedByTheIncludeBudget() {
    Limits.Builder b = Limits.DEFAULT.toBuilder();
    b.configFileBytes = 64 * 1024;
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1").withLimits(b.build());
    // big.cfg is a file of comments over the size limit (cut to 64 KiB each time); the main
    // config includes it 1000 times, and 8 reads spend the budget of 8 full-size configs.
    files.put("hd0,msdos1", "/boot/big.cfg", ("#" + "-".repeat(99) + "\n").repeat(655)
        .getBytes(StandardCharsets.UTF_8));
    StringBuilder main = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      main.append("INCLUDE big.cfg\n");
    }
    main.append("LABEL last\nLINUX /k\n");
    Menu m = parse(new SyslinuxParser(), files, "/boot/syslinux.cfg",
        main.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(1, m.items().size());
    assertTrue(warned(m, "the limit is " + (64 * 1024 * 8)));
    long reads = files.reads.stream().filter(s -> s.endsWith("/boot/big.cfg")).count();
    assertEquals(8, reads);
  }

  @Test
  void deepIncludeChainsStopAtIncludeDepth() {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1");
    for (int i = 0; i < 50; i++) {
      files.put("hd0,msdos1", "/boot/i" + i + ".cfg",
          ("LABEL l" + i + "\nLINUX /k\nINCLUDE i" + (i + 1) + ".cfg\n").getBytes(StandardCharsets.UTF_8));
    }
    Menu m = parse(new SyslinuxParser(), files, "/boot/syslinux.cfg",
        "INCLUDE i0.cfg\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(8, m.items().size());
    assertTrue(warned(m, "nested deeper than 8"));
  }

  @Test
  void emptyAndBlankConfigsGiveEmptyMenus() {
    for (ConfigParser p : PARSERS) {
      assertEquals(List.of(), parse(p, new byte[0]).items());
      assertEquals(List.of(), parse(p, "\n\n   \n\t\n".getBytes(StandardCharsets.UTF_8)).items());
    }
  }
}
