package org.jgrub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Discovery;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.boot.Bootloader;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.io.Limits;

/**
 * {@code --isconfig}: DISK is a configuration file on the host. It is parsed (its format told by
 * its name, then by its content — pygrub parses every such file as GRUB 2) and the chosen entry
 * printed as pygrub prints it.
 */
final class HostConfig {
  private HostConfig() {}

  static int run(Options o, PrintStream out) throws IOException {
    Path p = o.disk;
    byte[] content;
    try (InputStream in = Files.newInputStream(p)) {
      content = in.readNBytes(Limits.current().configFileBytes);
    }
    String format = formatOf(p.getFileName().toString(), content);
    Menu menu = Discovery.parser(format).parse(new ConfigFile("hd0", "/" + p.getFileName(), content), GuestFiles.none("hd0"));
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

  static String formatOf(String name, byte[] content) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".cfg") && n.contains("grub") || n.endsWith(".grub2")) {
      return "grub2";
    }
    if (n.contains("menu.lst") || n.equals("grub.conf") || n.endsWith(".grub")) {
      return "grub1";
    }
    if (n.contains("linux") && (n.contains("ext") || n.contains("iso") || n.contains("sys"))) {
      return "syslinux";
    }
    if (n.contains("lilo")) {
      return "lilo";
    }
    String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.contains("menuentry")) {
      return "grub2";
    }
    if (text.contains("\ntitle") || text.startsWith("title")) {
      return "grub1";
    }
    if (text.contains("image=") || text.contains("image =")) {
      return "lilo";
    }
    return "syslinux";
  }
}
