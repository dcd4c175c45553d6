package org.jgrub.menu;

import org.jgrub.io.Bounds;
import org.jgrub.io.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jgrub.config.GuestFiles;

/**
 * Guest files held in memory, for the command line's ls/cat: the menu only asks GuestFiles, which
 * the boot layer implements over the real filesystems (tested there).
 */
final class MemoryFiles implements GuestFiles {
  private final Map<String, byte[]> files = new TreeMap<>();
  private final String configDevice;
  private final List<String> devices;

  private Bounds bounds = Bounds.DEFAULT;

  /** Parsers reading these files keep to {@code limits} (the shipped ones by default). */
  public MemoryFiles withLimits(Limits limits) {
    this.bounds = Bounds.of(limits);
    return this;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  MemoryFiles(String configDevice, List<String> devices) {
    this.configDevice = configDevice;
    this.devices = devices;
  }

  MemoryFiles add(String device, String path, String content) {
    files.put(device + ":" + path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  private String key(String device, String path) {
    return (device == null ? configDevice : device) + ":" + path;
  }

  @Override
  public String configDevice() {
    return configDevice;
  }

  @Override
  public Optional<byte[]> read(String device, String path, int maxBytes) {
    byte[] b = files.get(key(device, path));
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(java.util.Arrays.copyOf(b, Math.min(b.length, maxBytes)));
  }

  @Override
  public Optional<List<String>> list(String device, String path) {
    String dir = key(device, path.endsWith("/") ? path : path + "/");
    List<String> names = new ArrayList<>();
    for (String k : files.keySet()) {
      if (k.startsWith(dir)) {
        String rest = k.substring(dir.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash + 1);
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(names);
  }

  @Override
  public Optional<Stat> stat(String device, String path) {
    byte[] b = files.get(key(device, path));
    if (b != null) {
      return Optional.of(new Stat(false, b.length));
    }
    return list(device, path).isPresent() ? Optional.of(new Stat(true, 0)) : Optional.empty();
  }

  @Override
  public Optional<String> search(SearchBy by, String key) {
    return Optional.empty();
  }

  @Override
  public List<String> devices() {
    return devices;
  }
}
