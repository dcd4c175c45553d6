package org.jgrub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.api.Disk;
import org.jgrub.api.GuestFileSystem;
import org.jgrub.api.Volume;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UsageException;

/**
 * A guest path on the command line, {@code [VOLUME:]PATH}, as a path of one volume's filesystem.
 * VOLUME is a partition number ("1"), "0" for the whole disk, or a GRUB name with or without
 * parentheses ("hd0,msdos1", "(hd0,gpt2)", "hd0"). Without VOLUME, the first volume (in disk order)
 * whose filesystem has PATH.
 */
final class Target {
  private Target() {}

  static Path resolve(Disk disk, String arg) throws IOException {
    String spec = null;
    String path = arg;
    if (!arg.startsWith("/")) {
      int colon = arg.indexOf(':');
      if (colon < 0) {
        throw new UsageException(
            "'" + arg + "': expected [VOLUME:]/PATH (an absolute guest path, e.g. 1:/etc/fstab)");
      }
      spec = arg.substring(0, colon);
      path = arg.substring(colon + 1);
      if (path.isEmpty()) {
        path = "/";
      } else if (!path.startsWith("/")) {
        throw new UsageException("'" + arg + "': the guest path must start with '/'");
      }
    }
    if (spec != null) {
      Optional<GuestFileSystem> fs = volume(disk, spec).fileSystem();
      if (fs.isEmpty()) {
        throw new NotFoundException(spec + ": no filesystem jgrub recognises on this volume");
      }
      return fs.get().getPath(path);
    }
    List<String> tried = new ArrayList<>();
    for (Volume v : disk.volumes()) {
      Optional<GuestFileSystem> fs;
      try {
        fs = v.fileSystem();
      } catch (JgrubException e) {
        tried.add(v.name() + ": " + e.getMessage());
        continue;
      }
      if (fs.isEmpty()) {
        continue;
      }
      Path p = fs.get().getPath(path);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
      tried.add(v.name() + " (" + fs.get().type() + ")");
    }
    throw new NotFoundException(
        path + " not found on any volume of " + disk.path()
            + (tried.isEmpty() ? " (no filesystem found)" : " (tried " + String.join("; ", tried) + ")"));
  }

  /** The volume a VOLUME operand names. */
  static Volume volume(Disk disk, String spec) throws IOException {
    String s = spec;
    if (s.startsWith("(") && s.endsWith(")")) {
      s = s.substring(1, s.length() - 1);
    }
    if (isNumber(s)) {
      int n = Integer.parseInt(s);
      Volume found = null;
      for (Volume v : disk.volumes()) {
        // A Solaris slice ("hd0,msdos1,sunpc1") has a number of its own: only the partition counts.
        if (v.number() == n && v.name().indexOf(',') == v.name().lastIndexOf(',')) {
          found = v;
        }
      }
      if (found != null) {
        return found;
      }
      throw new NotFoundException(disk.path() + " has no partition " + n + " (" + names(disk) + ")");
    }
    return disk.volume(s);
  }

  private static String names(Disk disk) {
    StringBuilder sb = new StringBuilder("it has ");
    for (Volume v : disk.volumes()) {
      sb.append(sb.length() > 7 ? ", " : "").append(v.name());
    }
    return sb.toString();
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 6) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
