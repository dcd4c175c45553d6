package org.jgrub.config.text;

import org.jgrub.io.Bounds;
import org.jgrub.io.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.GuestFiles;

/** Guest files held in memory (device, path, bytes), filled from real configs in test resources. */
public final class MemGuestFiles implements GuestFiles {
  private final String configDevice;
  private final Map<String, Map<String, byte[]>> devices = new LinkedHashMap<>();
  /** Every read, "device:path", so tests can check what a parser looked at. */
  public final List<String> reads = new ArrayList<>();

  private Bounds bounds = Bounds.DEFAULT;

  /** Parsers reading these files keep to {@code limits} (the shipped ones by default). */
  public MemGuestFiles withLimits(Limits limits) {
    this.bounds = Bounds.of(limits);
    return this;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  public MemGuestFiles(String configDevice) {
    this.configDevice = configDevice;
    devices.put(configDevice, new TreeMap<>());
  }

  public MemGuestFiles put(String device, String path, byte[] content) {
    devices.computeIfAbsent(device, d -> new TreeMap<>()).put(path, content);
    return this;
  }

  /** Puts a test resource (src/test/resources/{@code resource}) at {@code path}. */
  public MemGuestFiles putResource(String device, String path, String resource) {
    return put(device, path, resource(resource));
  }

  public ConfigFile config(String path) {
    return new ConfigFile(configDevice, path, devices.get(configDevice).get(path));
  }

  public static byte[] resource(String name) {
    try (InputStream in = MemGuestFiles.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, byte[]> dev(String device) {
    return devices.getOrDefault(device == null ? configDevice : device, Map.of());
  }

  @Override
  public String configDevice() {
    return configDevice;
  }

  @Override
  public Optional<byte[]> read(String device, String path, int maxBytes) throws IOException {
    reads.add((device == null ? configDevice : device) + ":" + path);
    byte[] b = dev(device).get(path);
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(b, Math.min(b.length, maxBytes)));
  }

  @Override
  public Optional<List<String>> list(String device, String path) {
    String prefix = path.endsWith("/") ? path : path + "/";
    List<String> names = new ArrayList<>();
    for (String p : dev(device).keySet()) {
      if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
        names.add(p.substring(prefix.length()));
      }
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(names);
  }

  @Override
  public Optional<Stat> stat(String device, String path) {
    byte[] b = dev(device).get(path);
    return b == null ? Optional.empty() : Optional.of(new Stat(false, b.length));
  }

  @Override
  public Optional<String> search(SearchBy by, String key) {
    return Optional.empty();
  }

  @Override
  public List<String> devices() {
    return new ArrayList<>(devices.keySet());
  }
}
