package org.jgrub.boot;

import java.io.IOException;
import org.jgrub.config.DevicePath;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.NotFoundException;
import org.jgrub.volume.Volume;

/**
 * Resolves an entry's kernel and initrd paths to guest files. An explicit device ("(hd0,gpt2)/
 * vmlinuz") is used as written. A plain path is looked up on the entry's root device when the
 * config set one, and on the config's own volume otherwise — or when the root device does not
 * exist here or lacks the file (guests converted from HVM name devices the PV disk does not have;
 * pygrub always reads from the config's volume, so such guests boot with it and must with jgrub).
 */
final class BootPaths {
  private BootPaths() {}

  static BootFile resolve(DeviceMap map, Menu menu, Entry e, String path, Probed configVolume, Log log)
      throws IOException {
    DevicePath dp = DevicePath.split(path);
    if (dp.device() != null) {
      String rest = dp.path().isEmpty() ? "/" : dp.path();
      if (isConfigAlias(dp.device().trim())) {
        return on(configVolume, rest);
      }
      Volume v = map.volume(menu.format().device(dp.device()), dp.device());
      return on(map.site(v), rest);
    }
    if (path.startsWith("(")) {
      throw new NotFoundException("path " + path + " has no closing parenthesis");
    }
    if (e.root().isPresent() && menu.format().rootLocatesPaths()) {
      String dev = e.root().get();
      try {
        Volume v = map.volume(menu.format().device(dev), dev);
        Probed p = map.site(v);
        if (p.fs().isPresent() && exists(p.fs().get(), path)) {
          return on(p, path);
        }
        if (!v.grubName().equals(configVolume.volume().grubName())) {
          log.info("root (" + dev + ") has no " + path + "; using the configuration's volume");
        }
      } catch (NotFoundException ex) {
        log.info("root (" + dev + ") does not exist on this disk; using the configuration's volume");
      }
    }
    return on(configVolume, path);
  }

  private static boolean exists(GuestFs fs, String path) throws IOException {
    try {
      GuestPaths.resolve(fs, path);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** "$root"-style leftovers and empty device names mean the config's volume. */
  private static boolean isConfigAlias(String dev) {
    return dev.isEmpty() || dev.equals("$root");
  }

  /** {@code path} on one volume (for --kernel, which names no device). */
  static BootFile resolveOn(Probed p, String path) throws IOException {
    return on(p, path);
  }

  private static BootFile on(Probed p, String path) throws IOException {
    if (p.fs().isEmpty()) {
      throw new NotFoundException(p.describe() + " has no filesystem jgrub can read: " + p.failure());
    }
    GuestPaths.Found f;
    try {
      f = GuestPaths.resolve(p.fs().get(), path);
    } catch (NotFoundException e) {
      throw new NotFoundException(path + " not found on " + p.describe() + " (" + e.getMessage() + ")");
    }
    if (f.node().kind() != Node.Kind.FILE) {
      throw new NotFoundException(path + " on " + p.describe() + " is not a regular file");
    }
    return new BootFile(path, p, f.fs(), f.node());
  }
}
