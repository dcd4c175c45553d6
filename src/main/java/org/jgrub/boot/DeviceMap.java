package org.jgrub.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.grub1.Grub1Devices;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.Budget;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.jgrub.volume.Volume;

/**
 * The guest's volumes by GRUB name, probed on first use: what config parsers read through ({@link
 * GuestFiles}) and what the extractor resolves kernel paths against. Accepts GRUB 2 names
 * ("hd0,msdos1", "hd0,gpt2", "hd0,1"), GRUB legacy names ("hd0,0", 0-based, when {@code legacy}),
 * and "hd0" for the whole disk.
 */
public final class DeviceMap implements GuestFiles {
  private final Map<String, Volume> byName = new LinkedHashMap<>();
  private final Map<String, Probed> probed = new LinkedHashMap<>();
  private final List<Volume> order;
  private String configDevice = "hd0";
  private String zfsDataset;

  public DeviceMap(List<Volume> volumes) {
    this.order = List.copyOf(volumes);
    for (Volume v : volumes) {
      byName.put(v.grubName(), v);
    }
  }

  public List<Volume> volumes() {
    return order;
  }

  /**
   * The ZFS dataset to open instead of the pool's bootfs: pygrub's {@code zfs-bootfs=POOL/DATASET}
   * in --args.
   */
  public void setZfsDataset(String dataset) {
    this.zfsDataset = dataset;
  }

  void setConfigDevice(String device) {
    this.configDevice = device;
  }

  /** Gives a volume a filesystem opened elsewhere (a ZFS pool assembled from several devices). */
  public void preset(Volume v, GuestFs fs) {
    probed.put(v.grubName(), new Probed(v, Optional.of(fs), ""));
  }

  /** Probes a volume once; a driver's error is kept as the volume's failure. */
  public Probed probe(Volume v) throws IOException {
    Probed p = probed.get(v.grubName());
    if (p == null) {
      try {
        Optional<GuestFs> fs = FsProbe.probe(v.device());
        if (zfsDataset != null && fs.isPresent()) {
          fs = Optional.of(ZfsBoot.dataset(fs.get(), zfsDataset));
        }
        p = new Probed(v, fs, fs.isPresent() ? "" : "no filesystem recognised");
      } catch (JgrubException e) {
        Budget.current().rethrow();
        p = new Probed(v, Optional.empty(), e.getMessage());
      }
      probed.put(v.grubName(), p);
    }
    return p;
  }

  /** The volume a GRUB device name denotes (null for the config's device). */
  public Volume volume(String device) throws NotFoundException {
    String d = device == null ? configDevice : canonical(device);
    Volume v = byName.get(d);
    if (v == null) {
      // GRUB 2's short form "hd0,1" names partition 1 whatever the table; "hd0,1,a" (GRUB
      // legacy's slice letter, after fromLegacy) or "hd0,1,1" names a slice of it.
      for (Volume c : order) {
        if (partNumber(c.grubName()).equals(partNumber(d)) && diskOf(c.grubName()).equals(diskOf(d))
            && (subNumber(d).isEmpty() || subNumber(d).equals(subNumber(c.grubName())))) {
          return c;
        }
      }
      throw new NotFoundException(
          "device (" + device + ") does not exist; the disk has " + String.join(", ", names()));
    }
    return v;
  }

  /** The filesystem on a device, or a NotFoundException that says why there is none. */
  public GuestFs fs(String device) throws IOException {
    Volume v = volume(device);
    Probed p = probe(v);
    if (p.fs().isEmpty()) {
      throw new NotFoundException("(" + v.grubName() + ") " + v.description() + ": " + p.failure());
    }
    return p.fs().get();
  }

  private List<String> names() {
    List<String> out = new ArrayList<>();
    for (Volume v : order) {
      out.add("(" + v.grubName() + ")");
    }
    return out;
  }

  /** Strips parentheses and maps /dev/xvda1-style names (HVM-converted guests) to GRUB names. */
  static String canonical(String device) {
    String d = device.trim();
    if (d.startsWith("(") && d.endsWith(")")) {
      d = d.substring(1, d.length() - 1);
    }
    if (d.startsWith("/dev/xvd") || d.startsWith("/dev/sd") || d.startsWith("/dev/hd")) {
      // (/dev/xvda,msdos1) or /dev/xvda1: disk letter, then the partition.
      int letterAt = d.startsWith("/dev/xvd") ? 8 : 7;
      if (d.length() > letterAt) {
        int disk = d.charAt(letterAt) - 'a';
        String rest = d.substring(letterAt + 1);
        if (rest.startsWith(",")) {
          return "hd" + disk + rest;
        }
        return rest.isEmpty() ? "hd" + disk : "hd" + disk + "," + rest;
      }
    }
    return d;
  }

  private static String diskOf(String name) {
    int c = name.indexOf(',');
    return c < 0 ? name : name.substring(0, c);
  }

  /** "hd0,msdos1" and "hd0,1" and "hd0,gpt1" → "1" (the first partition component's number). */
  private static String partNumber(String name) {
    int c = name.indexOf(',');
    if (c < 0) {
      return "";
    }
    String p = name.substring(c + 1);
    int c2 = p.indexOf(',');
    if (c2 >= 0) {
      p = p.substring(0, c2);
    }
    int i = 0;
    while (i < p.length() && !Character.isDigit(p.charAt(i))) {
      i++;
    }
    return p.substring(i);
  }

  /**
   * The number of a slice inside a partition, from 1: "hd0,msdos1,sunpc3" → "3", a GRUB legacy
   * slice letter "hd0,0,c" → "3"; "" when the name has no third component.
   */
  static String subNumber(String name) {
    String[] parts = name.split(",", -1);
    return parts.length == 3 ? Grub1Devices.sliceNumber(parts[2]) : "";
  }

  /** GRUB legacy numbers partitions from 0: "hd0,0" → "hd0,1". */
  public static String fromLegacy(String device) {
    String d = canonical(device);
    int c = d.indexOf(',');
    if (c < 0) {
      return d;
    }
    String part = d.substring(c + 1);
    int end = 0;
    while (end < part.length() && Character.isDigit(part.charAt(end))) {
      end++;
    }
    if (end == 0) {
      return d;
    }
    return d.substring(0, c + 1) + (Integer.parseInt(part.substring(0, end)) + 1) + part.substring(end);
  }

  // GuestFiles.

  @Override
  public String configDevice() {
    return configDevice;
  }

  @Override
  public Optional<byte[]> read(String device, String path, int maxBytes) throws IOException {
    GuestFs fs;
    Node n;
    try {
      GuestPaths.Found f = GuestPaths.resolve(fs(device), path);
      fs = f.fs();
      n = f.node();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    if (n.kind() != Node.Kind.FILE) {
      return Optional.empty();
    }
    int len = (int) Math.min(n.size(), maxBytes);
    Budget.current().charge(Budget.Kind.CONFIG_BYTES, len);
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (fs.read(n, buf.position(), buf) < 0) {
        break;
      }
    }
    byte[] out = new byte[buf.position()];
    buf.flip().get(out);
    return Optional.of(out);
  }

  @Override
  public Optional<List<String>> list(String device, String path) throws IOException {
    GuestFs fs;
    Node n;
    try {
      GuestPaths.Found f = GuestPaths.resolve(fs(device), path);
      fs = f.fs();
      n = f.node();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    if (n.kind() != Node.Kind.DIRECTORY) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (DirEntry e : fs.list(n)) {
      names.add(e.name());
    }
    names.sort(null);
    return Optional.of(names);
  }

  @Override
  public Optional<Stat> stat(String device, String path) throws IOException {
    try {
      Node n = GuestPaths.resolve(fs(device), path).node();
      return Optional.of(new Stat(n.kind() == Node.Kind.DIRECTORY, n.size()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> search(SearchBy by, String key) throws IOException {
    for (Volume v : order) {
      Probed p = probe(v);
      if (p.fs().isEmpty()) {
        continue;
      }
      GuestFs fs = p.fs().get();
      boolean hit =
          switch (by) {
            case FS_UUID -> key.equalsIgnoreCase(fs.uuid().orElse(null));
            case LABEL -> key.equals(fs.label().orElse(null));
            case FILE -> PathWalker.exists(fs, key);
          };
      if (hit) {
        return Optional.of(v.grubName());
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> devices() {
    List<String> out = new ArrayList<>();
    for (Volume v : order) {
      out.add(v.grubName());
    }
    return out;
  }

}
