package org.jgrub.fs.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunReader;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.NotFoundException;

/** A FAT12, FAT16 or FAT32 volume, read-only; names compare case-insensitively as on Windows. */
final class FatFs implements GuestFs {
  /** The boot-sector label mkfs writes when none was given; blkid reports no label then. */
  private static final String NO_NAME = "NO NAME";

  private final BlockDevice dev;
  private final BootSector bs;
  private final FatTable fat;
  private final FatNode root;
  private final String label;
  private final Map<FatNode, ChainMap> maps = new HashMap<>();

  private final Bounds bounds;

  FatFs(BlockDevice dev, BootSector bs, Bounds bounds) throws IOException {
    this.dev = dev;
    this.bounds = bounds;
    this.bs = bs;
    this.fat = new FatTable(dev, bs, bounds.limits());
    if (bs.type() != BootSector.FatType.FAT32) {
      dev.checkRange(bs.rootDirOffset(), bs.rootDirBytes(), "vfat: root directory region");
    }
    this.root = new FatNode(true, bs.rootCluster(), 0, "/", Attributes.timesOnly(null, null, null));
    FatDirectory rootDir = scan(root);
    this.label = chooseLabel(rootDir.volumeLabel(), bs);
  }

  private static String chooseLabel(String rootLabel, BootSector bs) {
    // blkid prefers the root directory's label entry to the boot sector's copy.
    if (rootLabel != null && !rootLabel.isEmpty()) {
      return rootLabel;
    }
    String b = bs.bootLabel().strip();
    return b.isEmpty() || b.equals(NO_NAME) ? null : b;
  }

  BootSector bootSector() {
    return bs;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return "vfat";
  }

  /** The volume serial as blkid prints it: XXXX-XXXX, upper-case hex. */
  @Override
  public Optional<String> uuid() {
    if (!bs.hasSerial()) {
      return Optional.empty();
    }
    return Optional.of(FatFs.serialText(bs.serial()));
  }

  /** A volume serial as blkid prints it: XXXX-XXXX, upper-case hex. */
  static String serialText(long serial) {
    String hex = Long.toHexString((serial & 0xffffffffL) | 0x1_0000_0000L).substring(1);
    return hex.substring(0, 4).toUpperCase(java.util.Locale.ROOT) + "-"
        + hex.substring(4).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  @Override
  public Node root() {
    return root;
  }

  @Override
  public boolean caseInsensitive(Node dir) {
    return true;
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    FatDirectory d = scan(asDir(dir));
    List<FatEntry> es = d.entries();
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, es.size());
    DirEntry[] out = new DirEntry[es.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new DirEntry(es.get(i).name(), es.get(i));
    }
    return List.of(out);
  }

  /**
   * Matches the long name first, then the 8.3 alias, both case-insensitively (as Windows). The
   * names of the directories looked up in are kept in a bounded cache, so a loop of lookups in
   * a large directory parses it once, not once per lookup.
   */
  @Override
  public synchronized Optional<DirEntry> lookup(Node dir, String name) throws IOException {
    FatNode d = asDir(dir);
    Names names = dirCache.get(d.firstCluster());
    if (names == null) {
      List<FatEntry> es = scan(d).entries();
      bounds.budget().charge(Budget.Kind.DIR_ENTRIES, es.size());
      names = new Names(es);
      if (es.size() <= CACHED_NAMES) {
        remember(d.firstCluster(), names);
      }
    }
    String k = fold(name);
    FatEntry e = names.longNames.get(k);
    if (e == null) {
      e = names.shortNames.get(k);
    }
    return e == null ? Optional.empty() : Optional.of(new DirEntry(e.name(), e));
  }

  /** Directories whose names are kept for lookups: the path being walked, a few levels deep. */
  static final int CACHED_DIRS = 8;
  /** Names kept in all of them together, so hostile large directories cannot pile up. */
  static final int CACHED_NAMES = 1 << 17;
  private final LinkedHashMap<Long, Names> dirCache = new LinkedHashMap<>(16, 0.75f, true);
  private int cachedNames;

  /** One directory's entries by folded long name and by folded 8.3 alias; the first one wins. */
  private static final class Names {
    final Map<String, FatEntry> longNames;
    final Map<String, FatEntry> shortNames;
    final int size;

    Names(List<FatEntry> es) {
      longNames = new HashMap<>(es.size() * 2);
      shortNames = new HashMap<>(es.size() * 2);
      for (FatEntry e : es) {
        longNames.putIfAbsent(fold(e.name()), e);
        shortNames.putIfAbsent(fold(e.shortName()), e);
      }
      size = es.size();
    }
  }

  /** The key under which names equal as String.equalsIgnoreCase compares them (char by char). */
  static String fold(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toLowerCase(Character.toUpperCase(c[i]));
    }
    return new String(c);
  }

  private void remember(long cluster, Names names) {
    dirCache.put(cluster, names);
    cachedNames += names.size;
    var it = dirCache.entrySet().iterator();
    while ((dirCache.size() > CACHED_DIRS || cachedNames > CACHED_NAMES) && it.hasNext()) {
      Map.Entry<Long, Names> eldest = it.next();
      if (eldest.getKey() == cluster) {
        continue;
      }
      cachedNames -= eldest.getValue().size;
      it.remove();
    }
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    if (!(entry.ref() instanceof FatEntry e)) {
      throw new IllegalArgumentException("not a vfat entry: " + entry);
    }
    String what = "vfat on " + dev.describe() + ": '" + e.name() + "'";
    if (e.directory() || e.size() > 0) {
      // An empty file may have no cluster; anything else must start inside the volume.
      ChainMap.checkCluster(bs, e.firstCluster(), what);
    }
    return new FatNode(e.directory(), e.firstCluster(), e.size(), e.name(), e.times());
  }

  @Override
  public String readLink(Node link) throws IOException {
    throw new NotFoundException("vfat has no symbolic links");
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    FatNode n = asFile(file);
    return RunReader.read(dev, what(n), n.size(), map(n), pos, dst);
  }

  @Override
  public List<Run> layout(Node file) throws IOException {
    return map(asFile(file)).runs();
  }

  private ChainMap map(FatNode n) throws IOException {
    ChainMap m = maps.get(n);
    if (m == null) {
      m = ChainMap.of(fat, bs, n.firstCluster(), n.size(), what(n));
      maps.put(n, m);
    }
    return m;
  }

  private String what(FatNode n) {
    return "vfat on " + dev.describe() + ": " + n.name();
  }

  /**
   * Parses a directory cluster by cluster until its end mark or chain end. The chain is bounded
   * by the volume's cluster count and by the directory entry limit, which also ends loops.
   */
  private FatDirectory scan(FatNode dir) throws IOException {
    String what = what(dir);
    FatDirectory d = new FatDirectory(bs.type() == BootSector.FatType.FAT32, what,
        bounds.limits().dirEntries);
    if (dir.firstCluster() == 0) {
      if (bs.type() == BootSector.FatType.FAT32) {
        throw new CorruptDataException(what + ": directory at cluster 0");
      }
      // FAT12/16 root: a fixed region after the FATs (section 3.5), read in one piece.
      long off = bs.rootDirOffset();
      d.feed(ByteView.read(dev, off, (int) bs.rootDirBytes(), what));
      return d;
    }
    long cb = bs.clusterBytes();
    long maxClusters =
        Math.min(bs.clusterCount(), (long) bounds.limits().dirEntries * FatDirectory.ENTRY_BYTES / cb + 1);
    long cur = dir.firstCluster();
    Set<Long> visited = new HashSet<>();
    for (long i = 0; ; i++) {
      ChainMap.checkCluster(bs, cur, what);
      if (!visited.add(cur)) {
        throw new CorruptDataException(
            what + ": directory cluster chain returns to cluster " + cur + " (a loop)");
      }
      if (i >= maxClusters) {
        throw new CorruptDataException(
            what + ": directory chain longer than " + maxClusters + " clusters (a loop?)");
      }
      long off = bs.dataOffset() + (cur - 2) * cb;
      if (!d.feed(ByteView.read(dev, off, (int) cb, what + " cluster " + cur))) {
        return d;
      }
      cur = fat.next(cur);
      if (cur == FatTable.END) {
        return d;
      }
    }
  }

  private static FatNode asDir(Node n) throws NotFoundException {
    if (!(n instanceof FatNode f) || !f.directory()) {
      throw new NotFoundException("vfat: not a directory: " + n);
    }
    return f;
  }

  private static FatNode asFile(Node n) throws NotFoundException {
    if (!(n instanceof FatNode f) || f.directory()) {
      throw new NotFoundException("vfat: not a file: " + n);
    }
    return f;
  }
}
