package org.jgrub.config.syslinux;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.Stanza;

/** syslinux, extlinux and isolinux configurations. */
public final class SyslinuxFormat implements ConfigFormat {
  public static final SyslinuxFormat INSTANCE = new SyslinuxFormat();

  private SyslinuxFormat() {}

  @Override
  public String name() {
    return "syslinux";
  }

  @Override
  public ConfigParser parser() {
    return new SyslinuxParser();
  }

  @Override
  public boolean namedLike(String n) {
    return n.contains("linux") && (n.contains("ext") || n.contains("iso") || n.contains("sys"));
  }

  /** syslinux has no keyword of its own to tell it by; --isconfig assumes it last. */
  @Override
  public boolean readsLike(String text) {
    return false;
  }




  @Override
  public List<String> synthesize(Entry e) {
    List<String> out = new ArrayList<>();
    out.add("LINUX " + e.kernel());
    out.add("APPEND " + e.args());
    if (!e.initrds().isEmpty()) {
      out.add("INITRD " + String.join(",", e.initrds()));
    }
    return out;
  }

  /**
   * The lines as one LABEL stanza of the menu's config file (so that relative paths resolve
   * against its folder), read by the syslinux parser.
   */
  @Override
  public Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    StringBuilder text = new StringBuilder();
    if (lines.isEmpty() || !ConfigText.firstWord(lines.get(0)).equalsIgnoreCase("label")) {
      text.append("LABEL edited\n");
    }
    for (String l : lines) {
      text.append(l).append('\n');
    }
    return Stanza.load(new SyslinuxParser(), menu.source(), text, files);
  }

  @Override
  public boolean hasCommandLine() {
    return false;
  }

  @Override
  public String toString() {
    return name();
  }
}
