package org.jgrub.config.lilo;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;
import org.jgrub.config.text.Stanza;

/** LILO's {@code /etc/lilo.conf}. */
public final class LiloFormat implements ConfigFormat {
  public static final LiloFormat INSTANCE = new LiloFormat();

  private LiloFormat() {}

  @Override
  public String name() {
    return "lilo";
  }

  @Override
  public ConfigParser parser() {
    return new LiloParser();
  }

  @Override
  public boolean namedLike(String n) {
    return n.contains("lilo");
  }

  @Override
  public boolean readsLike(String text) {
    return text.contains("image=") || text.contains("image =");
  }




  @Override
  public List<String> synthesize(Entry e) {
    List<String> out = new ArrayList<>();
    out.add("image=" + e.kernel());
    out.add("append=\"" + e.args() + "\"");
    for (String i : e.initrds()) {
      out.add("initrd=" + i);
    }
    return out;
  }

  /** The lines as one image section, read by the LILO parser. */
  @Override
  public Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    StringBuilder text = new StringBuilder();
    for (String l : lines) {
      text.append(l).append('\n');
    }
    return Stanza.load(new LiloParser(), menu.source(), text, files);
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
