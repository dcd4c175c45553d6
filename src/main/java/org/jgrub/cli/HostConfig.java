package org.jgrub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.Discovery;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.boot.Bootloader;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.io.Bounds;

/**
 * {@code --isconfig}: DISK is a configuration file on the host. It is parsed (its format told by
 * its name, then by its content — pygrub parses every such file as GRUB 2) and the chosen entry
 * printed as pygrub prints it.
 */
final class HostConfig {
  private HostConfig() {}

  static int run(Options o, Bounds bounds, PrintStream out) throws IOException {
    Path p = o.disk;
    byte[] content;
    try (InputStream in = Files.newInputStream(p)) {
      content = in.readNBytes(bounds.limits().configFileBytes);
    }
    ConfigFormat format = Discovery.hostFormat(p.getFileName().toString(), content);
    Menu menu = format.parser().parse(new ConfigFile("hd0", "/" + p.getFileName(), content), GuestFiles.none("hd0", bounds));
    Main.StderrLog log = new Main.StderrLog(System.err, o.debug);
    Entry e = Bootloader.choose(new LoadedConfig(menu, null), o.entry, log);
    String args = e.args();
    if (!o.args.isEmpty()) {
      args = args + " " + o.args;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("  kernel: ").append(Sanitize.text(String.valueOf(e.kernel()))).append('\n');
    if (!e.initrds().isEmpty()) {
      sb.append("  initrd: ").append(Sanitize.text(String.join(" ", e.initrds()))).append('\n');
    }
    sb.append("  args: ").append(Sanitize.text(args)).append('\n');
    out.print(sb);
    out.flush();
    return 0;
  }
}
