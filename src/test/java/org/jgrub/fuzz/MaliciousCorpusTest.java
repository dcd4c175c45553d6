package org.jgrub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrub.config.Menu;
import org.jgrub.config.Warning;
import org.jgrub.io.JgrubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.XZInputStream;

/**
 * The malicious corpus (src/test/resources/malicious, made by fixtures/make-malicious.sh): disk
 * images and configs named for what they break. Every image must make the command line exit 1
 * within 10 s with a last stderr line "RuntimeError: ..." naming the damage (the fragment listed
 * in EXPECTED), leaving no file in the output directory; every config must give a menu with a
 * warning, or a jgrub exception, naming what was cut.
 */
class MaliciousCorpusTest {
  static final Path DIR = Paths.get("src/test/resources/malicious");
  private static final Duration BOUND = Duration.ofSeconds(10);

  /** File name to the fragment its error or warning must contain. */
  static Map<String, String> expected() throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DIR.resolve("EXPECTED"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      m.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return m;
  }

  static boolean isImage(String name) {
    String base = name.endsWith(".xz") ? name.substring(0, name.length() - 3) : name;
    return base.endsWith(".img") || base.endsWith(".iso");
  }

  static Stream<String> images() throws IOException {
    return expected().keySet().stream().filter(MaliciousCorpusTest::isImage);
  }

  static Stream<String> configs() throws IOException {
    return expected().keySet().stream().filter(n -> !isImage(n));
  }

  static byte[] bytes(String name) throws IOException {
    Path p = DIR.resolve(name);
    if (!name.endsWith(".xz")) {
      return Files.readAllBytes(p);
    }
    try (InputStream in = new XZInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }

  /** The config format a file is for, from its name. */
  static String format(String name) {
    if (name.startsWith("grub1-")) {
      return "grub1";
    }
    if (name.startsWith("syslinux-")) {
      return "syslinux";
    }
    if (name.startsWith("lilo-")) {
      return "lilo";
    }
    if (name.startsWith("bls-")) {
      return "bls";
    }
    return "grub2";
  }

  @Test
  void everyFileIsListedAndEveryListedFileExists() throws IOException {
    List<String> onDisk = new ArrayList<>();
    try (Stream<Path> s = Files.list(DIR)) {
      s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("EXPECTED")).forEach(onDisk::add);
    }
    Map<String, String> listed = expected();
    for (String n : onDisk) {
      assertTrue(listed.containsKey(n), n + " is not listed in EXPECTED");
      assertTrue(n.contains("-fail."), n + " is not named NAME-fail.EXT");
    }
    for (String n : listed.keySet()) {
      assertTrue(onDisk.contains(n), n + " is listed but missing");
    }
  }

  @ParameterizedTest
  @MethodSource("images")
  void imageEndsInASpecificErrorQuicklyLeavingNoFiles(String name, @TempDir Path tmp)
      throws IOException {
    Path img = tmp.resolve(name.endsWith(".xz") ? name.substring(0, name.length() - 3) : name);
    Files.write(img, bytes(name));
    Path out = Files.createDirectory(tmp.resolve("out"));
    CliTarget.Result r =
        assertTimeoutPreemptively(
            BOUND,
            () -> CliTarget.boot("-q", "--output-directory=" + out, img.toString()));
    assertEquals(1, r.status(), r.err());
    String last = r.lastErrLine();
    assertTrue(last.startsWith("RuntimeError: "), r.err());
    assertFalse(last.contains("internal error"), last);
    String want = expected().get(name);
    assertTrue(last.contains(want), "expected '" + want + "' in: " + last);
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.toList(), "files left in the output directory");
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void configEndsInAWarningOrJgrubErrorQuickly(String name) throws IOException {
    String format = format(name);
    byte[] config = bytes(name);
    String want = expected().get(name);
    String said =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                Menu m =
                    ConfigTarget.parse(format, config, ConfigTarget.guest(format, List.of(config)));
                StringBuilder sb = new StringBuilder();
                for (Warning w : m.warnings()) {
                  sb.append(w).append('\n');
                }
                return sb.toString();
              } catch (JgrubException e) {
                return e.getMessage();
              }
            });
    assertTrue(said.contains(want), "expected '" + want + "' in: " + said);
  }
}
