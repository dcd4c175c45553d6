package org.jgrub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.api.Disk;
import org.jgrub.api.GuestFileSystem;
import org.jgrub.api.SpaceInfo;
import org.jgrub.api.Volume;
import org.jgrub.boot.GuestDisk;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.boot.Log;
import org.jgrub.config.Entry;
import org.jgrub.io.Bounds;
import org.jgrub.io.JgrubException;
import org.jgrub.volume.PartitionInfo;

/**
 * {@code jgrub inspect}: the disk's layers (from {@code org.jgrub.api}) and what it boots (through
 * the boot pipeline's own entry points, as {@code -l} reads it). One tree of maps and lists is
 * built and printed either as JSON (docs/schema/inspect-v2.json) or as indented text.
 */
final class Inspect {
  static final String SCHEMA = "https://jgrub.org/schema/inspect-v2.json";

  private Inspect() {}

  static void run(Tools.Args a, DiskSource src, PrintStream out) throws IOException {
    Map<String, Object> doc = of(src);
    out.print(a.json ? Json.write(doc) : Text.write(doc));
  }

  static Map<String, Object> of(Path path) throws IOException {
    return of(DiskSource.path(path));
  }

  static Map<String, Object> of(DiskSource src) throws IOException {
    Path path = src.path();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", SCHEMA);
    doc.put("version", 2);
    try (Disk disk = src.disk()) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("path", path.toString());
      image.put("format", disk.format());
      image.put("size", disk.size());
      doc.put("image", image);
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("type", disk.partitionTable());
      table.put("notes", new ArrayList<Object>(disk.notes()));
      doc.put("partition_table", table);
      List<Object> volumes = new ArrayList<>();
      for (Volume v : disk.volumes()) {
        volumes.add(volume(v));
      }
      doc.put("volumes", volumes);
    }
    doc.put("boot", boot(src));
    return doc;
  }

  private static Map<String, Object> volume(Volume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("number", v.number());
    m.put("description", v.description());
    m.put("offset", v.offset());
    m.put("size", v.size());
    Object part = null;
    if (v.partition().isPresent()) {
      PartitionInfo p = v.partition().get();
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("type", p.type());
      pm.put("type_name", p.typeName().orElse(null));
      pm.put("uuid", p.uuid().orElse(null));
      pm.put("name", p.name().orElse(null));
      pm.put("bootable", p.active());
      part = pm;
    }
    m.put("partition", part);
    Object fsm = null;
    String error = null;
    try {
      Optional<GuestFileSystem> fs = v.fileSystem();
      if (fs.isPresent()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", fs.get().type());
        f.put("label", fs.get().label().orElse(null));
        f.put("uuid", fs.get().uuid().orElse(null));
        Optional<SpaceInfo> space = fs.get().space();
        f.put("size", space.map(SpaceInfo::size).orElse(null));
        f.put("used", space.map(SpaceInfo::used).orElse(null));
        f.put("free", space.map(SpaceInfo::free).orElse(null));
        f.put("features", new ArrayList<Object>(fs.get().features()));
        fsm = f;
      }
    } catch (IOException e) {
      error = e.getMessage();
    }
    m.put("filesystem", fsm);
    m.put("error", error);
    return m;
  }

  /** The configuration the boot pipeline finds, its entries and its default, or why none. */
  private static Map<String, Object> boot(DiskSource src) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    Log quiet = MenuJson.QUIET;
    try (GuestDisk g = GuestDisk.open(src.device(), Optional.empty(), "", Bounds.DEFAULT, quiet)) {
      LoadedConfig cfg = g.loadConfig(quiet);
      m.put("config", MenuJson.config(cfg));
      List<Entry> flat = cfg.menu().flatEntries();
      List<Object> entries = new ArrayList<>();
      for (int i = 0; i < flat.size(); i++) {
        entries.add(MenuJson.entry(i, flat.get(i)));
      }
      m.put("entries", entries);
      m.put("default", MenuJson.defaults(cfg));
      m.put("error", null);
    } catch (JgrubException e) {
      m.put("config", null);
      m.put("entries", new ArrayList<Object>());
      m.put("default", null);
      m.put("error", e.getMessage());
    }
    return m;
  }

  /** The same tree as indented "key: value" lines, guest text sanitised. */
  static final class Text {
    private Text() {}

    static String write(Map<String, Object> doc) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, Object> e : doc.entrySet()) {
        if (!e.getKey().startsWith("$") && !e.getKey().equals("version")) {
          value(sb, e.getKey(), e.getValue(), 0);
        }
      }
      return sb.toString();
    }

    private static void value(StringBuilder sb, String key, Object v, int indent) {
      if (v == null) {
        return;
      }
      for (int i = 0; i < indent; i++) {
        sb.append("  ");
      }
      if (v instanceof Map<?, ?> m) {
        sb.append(key).append(":\n");
        for (Map.Entry<?, ?> e : m.entrySet()) {
          value(sb, (String) e.getKey(), e.getValue(), indent + 1);
        }
      } else if (v instanceof List<?> l) {
        if (l.isEmpty() || !(l.get(0) instanceof Map)) {
          List<String> parts = new ArrayList<>();
          for (Object o : l) {
            parts.add(String.valueOf(o));
          }
          sb.append(key).append(": ").append(Sanitize.text(String.join(" ", parts))).append('\n');
          return;
        }
        sb.append(key).append(":\n");
        for (Object o : l) {
          value(sb, "-", o, indent + 1);
        }
      } else {
        sb.append(key).append(": ").append(Sanitize.text(String.valueOf(v))).append('\n');
      }
    }
  }
}
