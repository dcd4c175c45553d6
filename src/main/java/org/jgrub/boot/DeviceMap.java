package org.jgrub.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.config.DeviceName;
import org.jgrub.config.GuestFiles;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.Bounds;
import org.jgrub.io.Budget;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.jgrub.volume.Encryption;
import org.jgrub.volume.Volume;

/**
 * The guest's volumes by GRUB name, probed on first use: what config parsers read through ({@link
 * GuestFiles}) and what the extractor resolves kernel paths against. Names are {@link
 * DeviceName}s: GRUB 2's ("hd0,msdos1", "hd0,gpt2", "hd0,1", "hd0" for the whole disk, a volume's
 * aliases such as "lvmid/VGUUID/LVUUID") and Linux's ("/dev/xvda1"); a format with its own syntax
 * (GRUB legacy's "hd0,0") parses it first.
 */
public final class DeviceMap implements GuestFiles {
  private final Map<String, Volume> byName;
  /** Filesystems probed so far, by GRUB name: a cache shared by every map over the same disk. */
  private final Map<String, Probed> probed;
  private final List<Volume> order;
  /** pygrub's {@code zfs-bootfs=POOL/DATASET}: the ZFS dataset opened instead of the bootfs. */
  private final String zfsDataset;
  /** The volume holding the configuration being read, and the view it was found through. */
  private final Probed config;

  /** The run's bounds: every filesystem probed and every file read keeps to them. */
  private final Bounds bounds;

  /**
   * The disk's volumes; {@code zfsDataset} (or null) is the dataset a filesystem with datasets
   * opens at; {@code bounds} are the run's.
   */
  public DeviceMap(List<Volume> volumes, String zfsDataset, Bounds bounds) {
    this.bounds = bounds;
    this.order = List.copyOf(volumes);
    this.byName = new LinkedHashMap<>();
    for (Volume v : volumes) {
      byName.put(v.grubName(), v);
    }
    // GRUB's id names (lvmid/…, mduuid/…) after every scanner name, which they never shadow.
    for (Volume v : volumes) {
      for (String a : v.aliases()) {
        byName.putIfAbsent(a, v);
      }
    }
    this.probed = new LinkedHashMap<>();
    this.zfsDataset = zfsDataset;
    this.config = null;
  }

  private DeviceMap(DeviceMap base, Probed config) {
    this.bounds = base.bounds;
    this.order = base.order;
    this.byName = base.byName;
    this.probed = base.probed;
    this.zfsDataset = base.zfsDataset;
    this.config = config;
  }

  /**
   * The same disk as a configuration on {@code site} sees it: {@code site}'s volume is the config
   * device (what plain paths and {@code $root} start from), read through {@code site}'s filesystem
   * (a btrfs subvolume view, when the config was found in one).
   */
  DeviceMap at(Probed site) {
    return new DeviceMap(this, site);
  }

  /** The same disk with {@code v}'s filesystem opened elsewhere (a ZFS pool over several devices). */
  static DeviceMap withFilesystem(List<Volume> volumes, Volume v, GuestFs fs, Bounds bounds) {
    DeviceMap m = new DeviceMap(volumes, null, bounds);
    m.probed.put(v.grubName(), new Probed(v, Optional.of(fs), ""));
    return m;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  public List<Volume> volumes() {
    return order;
  }

  /** Probes a volume once; a driver's error is kept as the volume's failure. */
  public Probed probe(Volume v) throws IOException {
    Probed p = probed.get(v.grubName());
    if (p == null) {
      try {
        Optional<GuestFs> fs = FsProbe.probe(v.device(), bounds);
        if (zfsDataset != null && fs.isPresent()) {
          fs = Optional.of(fs.get().dataset(zfsDataset));
        }
        p = new Probed(v, fs, fs.isPresent() ? "" : unrecognised(v));
      } catch (JgrubException e) {
        bounds.budget().rethrow();
        p = new Probed(v, Optional.empty(), e.getMessage());
      }
      probed.put(v.grubName(), p);
    }
    return p;
  }

  /** A volume as the configuration reads it: through the config's view on the config's volume. */
  Probed site(Volume v) throws IOException {
    if (config != null && config.volume().grubName().equals(v.grubName())) {
      return config;
    }
    return probe(v);
  }

  /** Why a volume has no filesystem: an encryption that says so, or none recognised. */
  private static String unrecognised(Volume v) throws IOException {
    Optional<String> e = Encryption.describe(v.device());
    return e.isPresent()
        ? e.get() + ": jgrub does not boot an encrypted /boot"
        : "no filesystem recognised";
  }

  /** The volume a GRUB 2 or Linux device name denotes (null for the config's device). */
  public Volume volume(String device) throws NotFoundException {
    if (device == null) {
      String c = configDevice();
      return volume(DeviceName.parse(c), c);
    }
    return volume(DeviceName.parse(device), device);
  }

  /**
   * The volume {@code name} denotes: the one the scanner named so, else the first whose disk and
   * partition numbers it matches ("hd0,1" whatever the table; a slice of a partition by number).
   */
  public Volume volume(Optional<DeviceName> name, String written) throws NotFoundException {
    if (name.isPresent()) {
      Volume v = byName.get(name.get().toString());
      if (v != null) {
        return v;
      }
      for (Volume c : order) {
        for (String cn : c.names()) {
          Optional<DeviceName> n = DeviceName.parse(cn);
          if (n.isPresent() && name.get().denotes(n.get())) {
            return c;
          }
        }
      }
    }
    throw new NotFoundException(
        "device (" + written + ") does not exist; the disk has " + String.join(", ", names()));
  }

  /** The filesystem on a device, or a NotFoundException that says why there is none. */
  public GuestFs fs(String device) throws IOException {
    Volume v = volume(device);
    Probed p = site(v);
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

  // GuestFiles.

  @Override
  public String configDevice() {
    return config == null ? "hd0" : config.volume().grubName();
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
    bounds.budget().charge(Budget.Kind.CONFIG_BYTES, len);
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
  public Optional<byte[]> readAt(String device, String path, long offset, int length)
      throws IOException {
    GuestFs fs;
    Node n;
    try {
      GuestPaths.Found f = GuestPaths.resolve(fs(device), path);
      fs = f.fs();
      n = f.node();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    if (n.kind() != Node.Kind.FILE || offset < 0 || length < 0) {
      return Optional.empty();
    }
    int len = (int) Math.max(0, Math.min(n.size() - Math.min(offset, n.size()), length));
    bounds.budget().charge(Budget.Kind.CONFIG_BYTES, len);
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (fs.read(n, offset + buf.position(), buf) < 0) {
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
