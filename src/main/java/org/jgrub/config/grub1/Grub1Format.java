package org.jgrub.config.grub1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.DeviceName;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;
import org.jgrub.config.text.Stanza;

/** GRUB legacy's {@code menu.lst} / {@code grub.conf}. */
public final class Grub1Format implements ConfigFormat {
  public static final Grub1Format INSTANCE = new Grub1Format();

  private Grub1Format() {}

  @Override
  public String name() {
    return "grub1";
  }

  /** GRUB legacy: "default N" (or "default saved", already read from the saved default). */
  @Override
  public String defaultReason(Menu menu) {
    if (menu.defaultSpec().isEmpty()) {
      return "no 'default' line: entry 0";
    }
    return "'default' gives entry " + menu.defaultSpec() + " (counted from 0; 'saved' is read"
        + " from the saved default)";
  }

  @Override
  public ConfigParser parser() {
    return new Grub1Parser();
  }

  @Override
  public boolean namedLike(String n) {
    return n.contains("menu.lst") || n.equals("grub.conf") || n.endsWith(".grub");
  }

  @Override
  public boolean readsLike(String text) {
    return text.contains("\ntitle") || text.startsWith("title");
  }

  @Override
  public Optional<DeviceName> device(String written) {
    return DeviceName.parseLegacy(written);
  }

  @Override
  public boolean rootLocatesPaths() {
    return true;
  }


  @Override
  public List<String> synthesize(Entry e) {
    List<String> out = new ArrayList<>();
    if (e.root().isPresent()) {
      out.add("root " + e.root().get());
    }
    out.add(e.args().isEmpty() ? "kernel " + e.kernel() : "kernel " + e.kernel() + " " + e.args());
    if (!e.initrds().isEmpty()) {
      out.add("initrd " + String.join(" ", e.initrds()));
    }
    return out;
  }

  /** The lines as one {@code title} stanza, read by the GRUB legacy parser. */
  @Override
  public Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    StringBuilder text = new StringBuilder("title edited\n");
    for (String l : lines) {
      text.append(l).append('\n');
    }
    return Stanza.load(new Grub1Parser(), menu.source(), text, files);
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
