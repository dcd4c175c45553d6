package org.jgrub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * One line of {@code jgrub ls -l}, shaped like {@code ls -ln --time-style=long-iso} in UTC: mode
 * string (with s/S/t/T for setuid, setgid and sticky), link count, numeric owner and group (the
 * guest's ids: its names are in its own /etc/passwd), size, mtime, name and link target. On a
 * filesystem without POSIX modes (FAT) the mode reads {@code ?????????} and the ids and link count
 * {@code -}.
 */
final class LongFormat {
  private LongFormat() {}

  static String line(Path p, String name, BasicFileAttributes a) throws IOException {
    char kind = a.isDirectory() ? 'd' : a.isRegularFile() ? '-' : a.isSymbolicLink() ? 'l' : '?';
    String perms = "?????????";
    String nlink = "-";
    String uid = "-";
    String gid = "-";
    if (p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      Map<String, Object> u = Files.readAttributes(p, "unix:mode,nlink,uid,gid",
          LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) u.get("mode");
      kind = switch (mode & 0170000) {
        case 0040000 -> 'd';
        case 0100000 -> '-';
        case 0120000 -> 'l';
        case 0020000 -> 'c';
        case 0060000 -> 'b';
        case 0010000 -> 'p';
        case 0140000 -> 's';
        default -> '?';
      };
      perms = permissions(mode);
      nlink = Integer.toUnsignedString((Integer) u.get("nlink"));
      uid = Integer.toUnsignedString((Integer) u.get("uid"));
      gid = Integer.toUnsignedString((Integer) u.get("gid"));
    }
    StringBuilder sb = new StringBuilder().append(kind).append(perms).append(' ');
    pad(sb, nlink, 3).append(' ');
    pad(sb, uid, 5).append(' ');
    pad(sb, gid, 5).append(' ');
    pad(sb, Long.toString(a.size()), 10).append(' ');
    ZonedDateTime t;
    try {
      t = a.lastModifiedTime().toInstant().atZone(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      t = null; // a damaged time past year 999,999,999
    }
    if (t == null) {
      sb.append("????-??-?? ??:??");
    } else {
      two(two(two(two(sb.append(t.getYear()).append('-'), t.getMonthValue()).append('-'),
          t.getDayOfMonth()).append(' '), t.getHour()).append(':'), t.getMinute());
    }
    sb.append(' ').append(name);
    if (a.isSymbolicLink()) {
      sb.append(" -> ").append(Files.readSymbolicLink(p));
    }
    return sb.toString();
  }

  /** rwxrwxrwx with s/S, s/S and t/T where setuid, setgid and sticky are set (as ls prints). */
  static String permissions(int mode) {
    char[] c = new char[9];
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      c[i] = (mode & 1 << (8 - i)) != 0 ? rwx.charAt(i) : '-';
    }
    special(c, 2, (mode & 04000) != 0, 's');
    special(c, 5, (mode & 02000) != 0, 's');
    special(c, 8, (mode & 01000) != 0, 't');
    return new String(c);
  }

  private static void special(char[] c, int at, boolean set, char letter) {
    if (set) {
      c[at] = c[at] == 'x' ? letter : Character.toUpperCase(letter);
    }
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append(v < 10 ? "0" : "").append(v);
  }

  private static StringBuilder pad(StringBuilder sb, String s, int width) {
    for (int i = s.length(); i < width; i++) {
      sb.append(' ');
    }
    return sb.append(s);
  }
}
