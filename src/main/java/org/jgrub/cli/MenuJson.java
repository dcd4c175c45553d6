package org.jgrub.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jgrub.boot.Bootloader;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.boot.Log;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Selection;
import org.jgrub.io.JgrubException;

/**
 * A loaded configuration as JSON trees: shared by {@code jgrub inspect --json} and {@code jgrub -l
 * --json} (docs/schema/list-v1.json), so both describe configurations, entries and defaults alike.
 */
final class MenuJson {
  static final String LIST_SCHEMA = "https://jgrub.org/schema/list-v1.json";

  private MenuJson() {}

  /** {@code -l --json}: the configuration, every entry with its default flag, and the default. */
  static String list(LoadedConfig cfg) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", LIST_SCHEMA);
    doc.put("version", 1);
    doc.put("config", config(cfg));
    Map<String, Object> d = defaults(cfg);
    Object index = d.get("index");
    List<Entry> flat = cfg.menu().flatEntries();
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < flat.size(); i++) {
      Map<String, Object> e = entry(i, flat.get(i));
      e.put("default", index != null && (Integer) index == i);
      entries.add(e);
    }
    doc.put("entries", entries);
    doc.put("default", d);
    return Json.write(doc);
  }

  static Map<String, Object> config(LoadedConfig cfg) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("file", cfg.menu().source());
    c.put("format", cfg.menu().format().name());
    c.put("volume", cfg.volume().volume().grubName());
    return c;
  }

  /**
   * The entry booted without --entry: the default as the configuration states it, its index, its
   * GRUB path through submenus, why it is the default, and what had to be guessed.
   */
  static Map<String, Object> defaults(LoadedConfig cfg) {
    Map<String, Object> d = new LinkedHashMap<>();
    String spec = cfg.menu().defaultSpec();
    d.put("spec", spec);
    try {
      Entry chosen = Bootloader.choose(cfg, Optional.empty(), QUIET);
      Selection s = DefaultChooser.choose(cfg.menu());
      d.put("index", cfg.menu().flatEntries().indexOf(chosen));
      d.put("path", s.pathString());
      d.put("reason", cfg.menu().format().defaultReason(cfg.menu()));
      d.put("notes", new ArrayList<Object>(s.notes()));
      d.put("error", null);
    } catch (JgrubException e) {
      d.put("index", null);
      d.put("path", null);
      d.put("reason", null);
      d.put("notes", new ArrayList<Object>());
      d.put("error", e.getMessage());
    }
    return d;
  }

  static Map<String, Object> entry(int index, Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("title", e.title());
    m.put("id", e.id().isEmpty() ? null : e.id());
    m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    m.put("kernel", e.kernel() == null || e.kernel().isEmpty() ? null : e.kernel());
    m.put("initrds", new ArrayList<Object>(e.initrds()));
    m.put("args", e.args());
    m.put("root", e.root().orElse(null));
    return m;
  }

  static final Log QUIET = new Log() {
    @Override
    public void info(String message) {}

    @Override
    public void debug(String message) {}
  };
}
