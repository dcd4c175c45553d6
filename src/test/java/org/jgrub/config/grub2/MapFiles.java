package org.jgrub.config.grub2;

import org.jgrub.io.Bounds;
import org.jgrub.io.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrub.config.GuestFiles;

/**
 * An in-memory {@link GuestFiles} for config-parser tests: device name to path to bytes, plus the
 * UUIDs and labels {@code search} finds. Directories exist implicitly above every file.
 */
public final class MapFiles implements GuestFiles {
  private final String configDevice;
  private final Map<String, TreeMap<String, byte[]>> devices = new LinkedHashMap<>();
  private final Map<String, String> uuids = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  public final List<String> reads = new ArrayList<>();

  private Bounds bounds = Bounds.DEFAULT;

  /** Parsers reading these files keep to {@code limits} (the shipped ones by default). */
  public MapFiles withLimits(Limits limits) {
    this.bounds = Bounds.of(limits);
    return this;
  }

  /** Parsers reading these files keep to {@code bounds} and charge their work to it. */
  public MapFiles withBounds(Bounds bounds) {
    this.bounds = bounds;
    return this;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  public MapFiles(String configDevice) {
    this.configDevice = configDevice;
    devices.put(configDevice, new TreeMap<>());
  }

  public MapFiles put(String device, String path, byte[] data) {
    devices.computeIfAbsent(device, d -> new TreeMap<>()).put(path, data);
    return this;
  }

  public MapFiles put(String device, String path, String text) {
    return put(device, path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a test resource (src/test/resources/...) at {@code path} on {@code device}. */
  public MapFiles resource(String device, String path, String resource) throws IOException {
    return put(device, path, Files.readAllBytes(resourcePath(resource)));
  }

  public static Path resourcePath(String resource) {
    return Paths.get("src/test/resources", resource);
  }

  public MapFiles uuid(String device, String uuid) {
    devices.computeIfAbsent(device, d -> new TreeMap<>());
    uuids.put(uuid, device);
    return this;
  }

  public MapFiles label(String device, String label) {
    devices.computeIfAbsent(device, d -> new TreeMap<>());
    labels.put(label, device);
    return this;
  }

  private TreeMap<String, byte[]> dev(String device) {
    return devices.get(device == null ? configDevice : device);
  }

  @Override
  public String configDevice() {
    return configDevice;
  }

  @Override
  public Optional<byte[]> read(String device, String path, int maxBytes) {
    reads.add((device == null ? configDevice : device) + ":" + path);
    TreeMap<String, byte[]> d = dev(device);
    byte[] b = d == null ? null : d.get(path);
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(b.length > maxBytes ? Arrays.copyOf(b, maxBytes) : b);
  }

  @Override
  public Optional<List<String>> list(String device, String path) {
    TreeMap<String, byte[]> d = dev(device);
    if (d == null) {
      return Optional.empty();
    }
    String prefix = path.endsWith("/") ? path : path + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String p : d.keySet()) {
      if (p.startsWith(prefix)) {
        String rest = p.substring(prefix.length());
        int slash = rest.indexOf('/');
        names.add(slash < 0 ? rest : rest.substring(0, slash));
      }
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(new ArrayList<>(names));
  }

  @Override
  public Optional<Stat> stat(String device, String path) {
    TreeMap<String, byte[]> d = dev(device);
    if (d == null) {
      return Optional.empty();
    }
    byte[] b = d.get(path);
    if (b != null) {
      return Optional.of(new Stat(false, b.length));
    }
    if (path.equals("/") || list(device, path).isPresent()) {
      return Optional.of(new Stat(true, 0));
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> search(SearchBy by, String key) {
    return switch (by) {
      case FS_UUID -> Optional.ofNullable(uuids.get(key));
      case LABEL -> Optional.ofNullable(labels.get(key));
      case FILE -> {
        for (Map.Entry<String, TreeMap<String, byte[]>> e : devices.entrySet()) {
          if (e.getValue().containsKey(key)) {
            yield Optional.of(e.getKey());
          }
        }
        yield Optional.empty();
      }
    };
  }

  @Override
  public List<String> devices() {
    return new ArrayList<>(devices.keySet());
  }

  /** A GRUB environment block as grub-editenv writes it: 1024 bytes padded with '#'. */
  public static byte[] grubenv(String... nameValues) {
    StringBuilder sb = new StringBuilder("# GRUB Environment Block\n");
    for (String nv : nameValues) {
      sb.append(nv).append('\n');
    }
    while (sb.length() < 1024) {
      sb.append('#');
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
