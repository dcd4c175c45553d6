package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jgrub ls -l} and {@code jgrub cp -p} on the attribute fixtures (fixtures/make-attrs.sh),
 * against what Linux's stat said of the same images mounted read-only (attrs/NAME.stat).
 */
class AttrsToolsTest {
  @TempDir Path tmp;

  @AfterEach
  void clearName() {
    System.clearProperty(Tools.PROG_PROPERTY);
  }

  /** path → {mode (octal), uid, gid, nlink, atime_ns, mtime_ns, ctime_ns} from NAME.stat. */
  static Map<String, String[]> stat(String name) throws IOException {
    Map<String, String[]> out = new HashMap<>();
    for (String line : Files.readAllLines(Fixtures.ROOT.resolve("attrs/" + name + ".stat"))) {
      if (!line.startsWith("#")) {
        String[] f = line.split("\t", -1);
        out.put(f[0], List.of(f).subList(1, f.length).toArray(new String[0]));
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ext4", "xfs", "btrfs", "squashfs"})
  void longListingSaysWhatLinuxStatSays(String name) throws IOException {
    Map<String, String[]> stat = stat(name);
    String img = Fixtures.image("attrs/" + name + ".img.xz").toString();
    ToolsTest.Run r = ToolsTest.run("jgrub", "ls", img, "/attrs", "-lR");
    assertEquals(0, r.status(), r.err());
    int lines = 0;
    for (String line : r.text().split("\n")) {
      String[] f = line.trim().split(" +", 8);
      String path = f[7].replaceFirst(" -> .*", "").substring(1);
      String[] want = stat.get(path);
      assertTrue(want != null, "not in the .stat: " + path);
      int mode = Integer.parseInt(want[0], 8);
      String kind = switch (mode & 0170000) {
        case 0040000 -> "d";
        case 0120000 -> "l";
        case 0010000 -> "p";
        default -> "-";
      };
      assertEquals(kind + LongFormat.permissions(mode), f[0], path);
      assertEquals(want[3], f[1], "nlink of " + path);
      assertEquals(want[1], f[2], "uid of " + path);
      assertEquals(want[2], f[3], "gid of " + path);
      Instant m = Instant.ofEpochSecond(0, Long.parseLong(want[5]));
      String minute = m.atZone(ZoneOffset.UTC).toString().substring(0, 16).replace('T', ' ');
      assertEquals(minute, f[5] + " " + f[6], "mtime of " + path);
      lines++;
    }
    assertEquals(stat.size() - 2, lines, "every path below /attrs");
    assertTrue(r.text().contains("-rwsr-xr-x "), r.text());
    assertTrue(r.text().contains("drwxrwxrwt "), r.text());
    assertTrue(r.text().contains("-rwxr-s--- "), r.text());
    assertTrue(r.text().contains("-rw-r--r-T "), r.text());
  }

  @Test
  void cpKeepsModesAndTimesButNeverSetuidSetgidOrSticky() throws IOException {
    Map<String, String[]> stat = stat("ext4");
    String img = Fixtures.image("attrs/ext4.img.xz").toString();
    Path dest = Files.createDirectory(tmp.resolve("dest"));
    List<String> names = List.of("setuid-root", "setgid-group", "read-only-2100", "old-1980",
        "no-access", "private", "sticky", "link-to-private", "hard-a");
    String[] argv = new String[names.size() + 4];
    argv[0] = "cp";
    argv[1] = "-rp";
    argv[2] = img;
    for (int i = 0; i < names.size(); i++) {
      argv[3 + i] = "/attrs/" + names.get(i);
    }
    argv[argv.length - 1] = dest.toString();
    ToolsTest.Run r = ToolsTest.run("jgrub", argv);
    assertEquals(0, r.status(), r.err());
    int checked = 0;
    for (Map.Entry<String, String[]> e : stat.entrySet()) {
      String rel = e.getKey();
      if (!rel.startsWith("attrs/") || !names.contains(rel.substring(6).split("/")[0])) {
        continue;
      }
      Path p = dest.resolve(rel.substring(6));
      String[] want = e.getValue();
      int mode = Integer.parseInt(want[0], 8);
      if ((mode & 0170000) != 0120000) {
        assertEquals(PosixFilePermissions.toString(Preserve.permissions(mode & 0777)),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), "mode of " + rel);
        int host = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0, host & 07000, "setuid/setgid/sticky on the host copy of " + rel);
      }
      FileTime mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
      Instant expected = Instant.ofEpochSecond(0, Long.parseLong(want[5]));
      if ((mode & 0170000) == 0120000) {
        // The JDK sets a link's own times with lutimes(): microseconds.
        expected = expected.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      }
      assertEquals(expected, mtime.toInstant(), "mtime of " + rel);
      checked++;
    }
    assertEquals(11, checked);
  }

  @Test
  void cpWithoutPKeepsNoModeAndOwnerNeedsRoot() throws IOException {
    String img = Fixtures.image("attrs/ext4.img.xz").toString();
    Path dest = Files.createDirectory(tmp.resolve("dest"));
    ToolsTest.Run r = ToolsTest.run("jgrub", "cp", img, "/attrs/read-only-2100", dest.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.isWritable(dest.resolve("read-only-2100")), "no mode kept without -p");
    boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    ToolsTest.Run o = ToolsTest.run("jgrub", "cp", "--owner", img, "/attrs/big-ids",
        dest.toString());
    if (root) {
      assertEquals(0, o.status(), o.err());
      assertEquals(100000, Files.getAttribute(dest.resolve("big-ids"), "unix:uid"));
      assertEquals(200000, Files.getAttribute(dest.resolve("big-ids"), "unix:gid"));
    } else {
      assertEquals(1, o.status());
      assertTrue(o.err().contains("only root"), o.err());
    }
  }
}
