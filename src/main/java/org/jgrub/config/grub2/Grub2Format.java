package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;

/** GRUB 2's {@code grub.cfg}. */
public final class Grub2Format implements ConfigFormat {
  public static final Grub2Format INSTANCE = new Grub2Format();

  private Grub2Format() {}

  @Override
  public String name() {
    return "grub2";
  }

  @Override
  public ConfigParser parser() {
    return new Grub2Parser();
  }

  @Override
  public boolean namedLike(String n) {
    return n.endsWith(".cfg") && n.contains("grub") || n.endsWith(".grub2");
  }

  @Override
  public boolean readsLike(String text) {
    return text.contains("menuentry");
  }


  @Override
  public boolean rootLocatesPaths() {
    return true;
  }

  @Override
  public boolean namedUsers() {
    return true;
  }

  @Override
  public List<String> synthesize(Entry e) {
    List<String> out = new ArrayList<>();
    if (e.root().isPresent()) {
      out.add("set root='" + e.root().get() + "'");
    }
    out.add(e.args().isEmpty() ? "linux " + e.kernel() : "linux " + e.kernel() + " " + e.args());
    if (!e.initrds().isEmpty()) {
      out.add("initrd " + String.join(" ", e.initrds()));
    }
    return out;
  }

  @Override
  public Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    return EntryRerun.run(menu, entry, lines, files);
  }

  @Override
  public boolean hasCommandLine() {
    return true;
  }

  @Override
  public String toString() {
    return name();
  }
}
