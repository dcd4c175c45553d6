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
import org.jgrub.config.DeviceName;
import org.jgrub.config.DevicePath;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UsageException;

/**
 * A guest path on the command line, {@code [VOLUME:]PATH} or GRUB's {@code (VOLUME)PATH}, as a
 * path of one volume's filesystem. VOLUME is a partition number ("1") or a device name as GRUB,
 * GRUB legacy, pygrub and Linux write it ({@link #volume}). Without VOLUME, the first volume (in
 * disk order) whose filesystem has PATH.
 */
final class Target {
  private Target() {}

  static Path resolve(Disk disk, String arg) throws IOException {
    String spec = null;
    String path = arg;
    DevicePath grub = DevicePath.split(arg);
    if (grub.device() != null && (grub.path().isEmpty() || grub.path().startsWith("/"))) {
      // GRUB's own spelling: (hd0,msdos1)/etc/fstab
      spec = grub.device();
      path = grub.path();
    } else if (!arg.startsWith("/") || (arg.startsWith("/dev/") && arg.indexOf(':') > 0)) {
      int colon = arg.indexOf(':');
      if (colon < 0) {
        throw new UsageException(
            "'" + arg + "': expected [VOLUME:]/PATH (an absolute guest path, e.g. 1:/etc/fstab)");
      }
      spec = arg.substring(0, colon);
      path = arg.substring(colon + 1);
    }
    if (path.isEmpty()) {
      path = "/";
    } else if (!path.startsWith("/")) {
      throw new UsageException("'" + arg + "': the guest path must start with '/'");
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

  /**
   * The volume a VOLUME operand names, read by {@link DeviceName} as GRUB and pygrub write devices:
   * GRUB 2's hd0,msdos1 or (hd0,gpt2), Linux's /dev/xvda1, lvm/VG-LV, md/NAME, GRUB's id names
   * lvmid/VGUUID/LVUUID and mduuid/HEX, and GRUB legacy's
   * hd0,0 (a partition numbered 0, or a slice letter as in hd0,0,a, can only be GRUB legacy's, which
   * counts from 0); a bare number is that partition of the disk, 0 the whole disk. A name without a
   * partition map (hd0,1) matches any map; one with a map (hd0,gpt1) only that map.
   */
  static Volume volume(Disk disk, String spec) throws IOException {
    DeviceName want = name(spec);
    Volume found = null;
    for (Volume v : disk.volumes()) {
      List<String> names = new ArrayList<>(v.aliases());
      names.add(0, v.name());
      for (String name : names) {
        Optional<DeviceName> have = DeviceName.parse(name);
        if (have.isEmpty()) {
          continue;
        }
        boolean match = want.whole()
            ? have.get().whole() && have.get().disk().equals(want.disk())
            : want.denotes(have.get()) && mapsAgree(want, have.get());
        // A Solaris slice (hd0,msdos1,sunpc1) answers to hd0,1 too; the partition itself wins.
        if (match && (found == null || have.get().parts().size() == want.parts().size())) {
          found = v;
        }
      }
    }
    if (found == null) {
      throw new NotFoundException(disk.path() + " has no volume " + want + " (written " + spec
          + "; " + names(disk) + ")");
    }
    return found;
  }

  /** VOLUME as a device name; GRUB legacy's spelling when only it can be meant. */
  static DeviceName name(String spec) throws UsageException {
    if (isNumber(spec)) {
      int n = Integer.parseInt(spec);
      return new DeviceName("hd0", n == 0 ? List.of() : List.of(new DeviceName.Part("", n)));
    }
    Optional<DeviceName> n = DeviceName.parse(spec);
    if (n.isPresent() && legacyOnly(n.get())) {
      n = DeviceName.parseLegacy(spec);
    } else if (n.isEmpty()) {
      n = DeviceName.parseLegacy(spec);
    }
    if (n.isEmpty()) {
      throw new UsageException("'" + spec + "' is not a volume name (write 1, hd0,msdos1,"
          + " (hd0,gpt2), hd0,0, /dev/xvda1 or lvm/VG-LV, as jgrub inspect lists volumes)");
    }
    return n.get();
  }

  /** A map name written (msdos, gpt, sunpc) must be the volume's; none written matches any. */
  private static boolean mapsAgree(DeviceName want, DeviceName have) {
    for (int i = 0; i < want.parts().size(); i++) {
      String m = want.parts().get(i).map();
      if (!m.isEmpty() && !m.equals(have.parts().get(i).map())) {
        return false;
      }
    }
    return true;
  }

  /** A partition numbered 0 without a map name: GRUB 2 counts from 1, GRUB legacy from 0. */
  private static boolean legacyOnly(DeviceName n) {
    return !n.parts().isEmpty() && n.parts().get(0).map().isEmpty()
        && n.parts().get(0).number() == 0;
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
