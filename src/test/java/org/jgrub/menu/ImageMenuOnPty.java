package org.jgrub.menu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jgrub.boot.BootFile;
import org.jgrub.boot.BootPlan;
import org.jgrub.boot.BootRequest;
import org.jgrub.boot.Bootloader;
import org.jgrub.boot.GuestDisk;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.boot.Log;

/**
 * A test program for {@link PtyTest}: what the command line does with -i -n on a disk image (open
 * it, read its config, run the menu on the console, locate what was chosen), writing the result to
 * a file. The menu's GuestFiles is the disk's real device map, so ls/cat read the guest's ext4.
 */
public final class ImageMenuOnPty {
  private ImageMenuOnPty() {}

  /** Discards the pipeline's messages: stdout and stderr are the menu's console here. */
  private static final class QuietLog implements Log {
    @Override
    public void info(String message) {}

    @Override
    public void debug(String message) {}
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Path image = Path.of(args[1]);
    Log log = new QuietLog();
    StringBuilder sb = new StringBuilder();
    try (GuestDisk disk = GuestDisk.open(image, Optional.empty(), org.jgrub.io.Bounds.DEFAULT, log)) {
      LoadedConfig cfg = disk.loadConfig(log);
      MenuOutcome o = BootMenu.runOnConsole(cfg.menu(), cfg.files());
      sb.append("how=").append(o.how()).append('\n');
      if (o.boots()) {
        BootRequest r =
            new BootRequest(
                image, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "",
                true, out.getParent());
        BootPlan plan = Bootloader.plan(disk, cfg, o.entry(), r, log);
        sb.append("title=").append(o.entry().title()).append('\n');
        sb.append("kernel=").append(plan.kernel().describe()).append('\n');
        for (BootFile f : plan.initrds()) {
          sb.append("initrd=").append(f.describe()).append('\n');
        }
        sb.append("args=").append(plan.args()).append('\n');
      }
    } catch (IOException e) {
      sb.append("error=").append(e.getMessage()).append('\n');
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.write(tmp, sb.toString().getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
  }
}
