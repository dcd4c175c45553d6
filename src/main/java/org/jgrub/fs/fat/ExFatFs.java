package org.jgrub.fs.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.fs.RunReader;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;

/**
 * An exFAT volume, read-only: files and directories either as FAT chains or, with NoFatChain, as
 * contiguous clusters; names compare case-insensitively. The allocation bitmap, up-case table
 * and boot checksum are not consulted (a reader needs none of them).
 */
final class ExFatFs implements GuestFs {
  private final BlockDevice dev;
  private final ExFatBoot boot;
  private final FatTable fat;
  private final ExFatNode root;
  private final String label;
  private final Map<ExFatEntry, RunMap> maps = new HashMap<>();

  private final Bounds bounds;

  ExFatFs(BlockDevice dev, ExFatBoot boot, Bounds bounds) throws IOException {
    this.dev = dev;
    this.bounds = bounds;
    this.boot = boot;
    this.fat = new FatTable(dev, boot, bounds.limits());
    ExFatEntry r = new ExFatEntry("/", true, boot.rootCluster(), 0, 0, false);
    this.root = new ExFatNode(r, true, "/");
    String l = scan(root).volumeLabel();
    this.label = l == null || l.isEmpty() ? null : l;
  }

  ExFatBoot boot() {
    return boot;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return "exfat";
  }

  /** The volume serial as blkid prints it: XXXX-XXXX. */
  @Override
  public Optional<String> uuid() {
    return Optional.of(FatFs.serialText(boot.serial()));
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
    if (!(dir instanceof ExFatNode d) || !d.entry().directory()) {
      throw new NotFoundException("exfat: not a directory: " + dir);
    }
    List<ExFatEntry> es = scan(d).entries();
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, es.size());
    DirEntry[] out = new DirEntry[es.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new DirEntry(es.get(i).name(), es.get(i));
    }
    return List.of(out);
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    if (!(entry.ref() instanceof ExFatEntry e)) {
      throw new IllegalArgumentException("not an exfat entry: " + entry);
    }
    return new ExFatNode(e, false, e.name());
  }

  @Override
  public String readLink(Node link) throws IOException {
    throw new NotFoundException("exfat has no symbolic links");
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    ExFatNode n = asFile(file);
    return RunReader.read(dev, what(n), n.size(), map(n), pos, dst);
  }

  @Override
  public List<Run> layout(Node file) throws IOException {
    ExFatNode n = asFile(file);
    if (n.entry().validSize() < n.size()) {
      return null; // the tail past ValidDataLength reads as zeros, not as the clusters' bytes
    }
    return clusters(n).runs();
  }

  private static ExFatNode asFile(Node n) throws NotFoundException {
    if (!(n instanceof ExFatNode f) || f.entry().directory()) {
      throw new NotFoundException("exfat: not a file: " + n);
    }
    return f;
  }

  private String what(ExFatNode n) {
    return "exfat on " + dev.describe() + ": " + n.name();
  }

  /** The clusters of a file or subdirectory, by chain or contiguous (NoFatChain). */
  private ChainMap clusters(ExFatNode n) throws IOException {
    ExFatEntry e = n.entry();
    if (!e.noFatChain() || e.size() == 0) {
      return ChainMap.of(fat, boot, e.firstCluster(), e.size(), what(n));
    }
    long cb = boot.clusterBytes();
    long count = (e.size() + cb - 1) / cb;
    ChainMap.checkCluster(boot, e.firstCluster(), what(n));
    if (count > boot.maxCluster() - e.firstCluster() + 1) {
      throw new CorruptDataException(what(n) + ": " + count + " contiguous clusters from "
          + e.firstCluster() + " run past the last cluster " + boot.maxCluster());
    }
    return ChainMap.contiguous(boot, e.firstCluster(), count);
  }

  /** The file's runs, reading zeros past ValidDataLength (exFAT specification 7.6.4). */
  private RunMap map(ExFatNode n) throws IOException {
    RunMap m = maps.get(n.entry());
    if (m == null) {
      ChainMap c = clusters(n);
      long valid = n.entry().validSize();
      m = valid >= n.size() ? c : new ValidPrefix(c, valid, n.size());
      maps.put(n.entry(), m);
    }
    return m;
  }

  /** A run map whose bytes from {@code valid} to the end of the file are a hole. */
  private static final class ValidPrefix implements RunMap {
    private final ChainMap clusters;
    private final long valid;
    private final long size;

    ValidPrefix(ChainMap clusters, long valid, long size) {
      this.clusters = clusters;
      this.valid = valid;
      this.size = size;
    }

    @Override
    public Run runAt(long pos) {
      if (pos >= valid) {
        return new Run(valid, -1, size - valid);
      }
      Run r = clusters.runAt(pos);
      if (r == null || r.fileOffset() + r.length() <= valid) {
        return r;
      }
      return new Run(r.fileOffset(), r.deviceOffset(), valid - r.fileOffset());
    }
  }

  private ExFatDirectory scan(ExFatNode dir) throws IOException {
    String what = what(dir);
    ExFatDirectory d = new ExFatDirectory(what, bounds.limits().dirEntries);
    long cb = boot.clusterBytes();
    if (!dir.root()) {
      Limits.check(dir.entry().size(),
          (long) bounds.limits().dirEntries * ExFatDirectory.ENTRY_BYTES, what + ": bytes");
      for (Run r : clusters(dir).runs()) {
        for (long off = 0; off < r.length(); off += cb) {
          if (!d.feed(ByteView.read(dev, r.deviceOffset() + off, (int) cb, what))) {
            d.finish();
            return d;
          }
        }
      }
      d.finish();
      return d;
    }
    // The root directory has no entry set and thus no length: follow its chain to the end.
    long maxClusters =
        Math.min(boot.clusterCount(),
            (long) bounds.limits().dirEntries * ExFatDirectory.ENTRY_BYTES / cb + 1);
    Set<Long> visited = new HashSet<>();
    long cur = boot.rootCluster();
    while (cur != FatTable.END) {
      ChainMap.checkCluster(boot, cur, what);
      if (!visited.add(cur) || visited.size() > maxClusters) {
        throw new CorruptDataException(what + ": root directory chain loops at cluster " + cur);
      }
      long off = boot.dataOffset() + (cur - 2) * cb;
      if (!d.feed(ByteView.read(dev, off, (int) cb, what + " cluster " + cur))) {
        break;
      }
      cur = fat.next(cur);
    }
    d.finish();
    return d;
  }
}
