package org.jgrub.fs.iso9660;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.compress.Codecs;
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
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * An ISO 9660 volume read through one directory tree: the primary tree with Rock Ridge names when
 * the root carries SUSP and Rock Ridge entries, else the Joliet tree when there is one, else the
 * primary tree with plain ECMA-119 names (then looked up case-insensitively).
 */
final class IsoFs implements GuestFs {
  /** Which of the three naming schemes this volume is read with. */
  enum Names {
    ROCK_RIDGE,
    JOLIET,
    PLAIN
  }

  private final BlockDevice dev;
  private final VolumeDescriptor pvd;
  private final int bs;
  private final Names names;
  private final int suSkip;
  private final IsoNode root;
  private final Map<IsoNode, Zisofs> zisofs = new HashMap<>();
  /** The zisofs files' one inflater. */
  private final Codecs codecs = new Codecs();

  private final Bounds bounds;

  IsoFs(BlockDevice dev, VolumeDescriptor pvd, VolumeDescriptor joliet, Bounds bounds)
      throws IOException {
    this.dev = dev;
    this.bounds = bounds;
    this.pvd = pvd;
    this.bs = pvd.blockSize();
    IsoNode primaryRoot = dirNode(pvd.root(), "/");
    SystemUse.RootInfo info = rootInfo(primaryRoot);
    if (info.rockRidge()) {
      names = Names.ROCK_RIDGE;
      suSkip = info.skip();
      root = primaryRoot;
    } else if (joliet != null) {
      names = Names.JOLIET;
      suSkip = -1;
      root = dirNode(joliet.root(), "/");
    } else {
      names = Names.PLAIN;
      suSkip = -1;
      root = primaryRoot;
    }
  }

  Names names() {
    return names;
  }

  /** Reads the root's '.' record, whose System Use area starts with SUSP's SP entry if any. */
  private SystemUse.RootInfo rootInfo(IsoNode r) throws IOException {
    if (r.dirLength() < DirRecord.MIN_LENGTH) {
      throw new CorruptDataException(
          "iso9660 on " + dev.describe() + ": root directory of " + r.dirLength() + " bytes");
    }
    int len = (int) Math.min(bs, r.dirLength());
    ByteView sec = ByteView.read(dev, r.dirOffset(), len, "iso9660 root directory");
    DirRecord dot = DirRecord.parse(sec, 0, len);
    return SystemUse.root(dev, bs, dot.systemUse());
  }

  private IsoNode dirNode(DirRecord r, String path) {
    long off = extentOffset(r);
    return new IsoNode(
        Node.Kind.DIRECTORY, 0, off, r.dataLength(), null, null, null, null, path, null, null);
  }

  /**
   * Where a record's data starts, after any extended attribute record (section 9.5). Not checked
   * against the device here: one bad file must not hide its siblings; reads check every range.
   */
  private long extentOffset(DirRecord r) {
    return (r.extent() + r.extAttrBlocks()) * bs;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return "iso9660";
  }

  /** As blkid: the modification date, else the creation date, as YYYY-MM-DD-HH-MM-SS-CC. */
  @Override
  public Optional<String> uuid() {
    return Optional.ofNullable(pvd.modified() != null ? pvd.modified() : pvd.created());
  }

  @Override
  public Optional<String> label() {
    return pvd.volumeId().isEmpty() ? Optional.empty() : Optional.of(pvd.volumeId());
  }

  @Override
  public Node root() {
    return root;
  }

  @Override
  public boolean caseInsensitive(Node dir) {
    return names != Names.ROCK_RIDGE;
  }

  @Override
  public List<DirEntry> list(Node dir) throws IOException {
    if (!(dir instanceof IsoNode d) || d.kind() != Node.Kind.DIRECTORY) {
      throw new NotFoundException("iso9660: not a directory: " + dir);
    }
    List<DirEntry> out = readDirectory(d);
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    return out;
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    if (!(entry.ref() instanceof IsoEntry e)) {
      throw new IllegalArgumentException("not an iso9660 entry: " + entry);
    }
    IsoNode n = e.node();
    if (n.unsupported() != null) {
      throw new UnsupportedFeatureException(
          "iso9660 on " + dev.describe() + ": " + n.path() + " uses " + n.unsupported());
    }
    return n;
  }

  @Override
  public String readLink(Node link) throws IOException {
    if (!(link instanceof IsoNode n) || n.kind() != Node.Kind.SYMLINK) {
      throw new NotFoundException("iso9660: not a symbolic link: " + link);
    }
    if (n.linkError() != null) {
      throw new CorruptDataException(
          "iso9660 on " + dev.describe() + ": symbolic link " + n.path() + ": " + n.linkError());
    }
    if (n.linkTarget() == null || n.linkTarget().isEmpty()) {
      throw new CorruptDataException(
          "iso9660 on " + dev.describe() + ": " + n.path() + " is a link without an SL target");
    }
    return n.linkTarget();
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    IsoNode n = asFile(file);
    String what = "iso9660 on " + dev.describe() + ": " + n.path();
    if (n.zisofs() != null) {
      Zisofs z = zisofs.get(n);
      if (z == null) {
        z = Zisofs.open(dev, codecs, what, n.runs(), n.zisofs(), bounds);
        zisofs.put(n, z);
      }
      return z.read(pos, dst);
    }
    return RunReader.read(dev, what, n.size(), new ExtentMap(n.runs()), pos, dst);
  }

  /** The extents of a plain file; null for a zisofs file, whose bytes must be inflated. */
  @Override
  public List<Run> layout(Node file) throws IOException {
    IsoNode n = asFile(file);
    return n.zisofs() != null ? null : n.runs();
  }

  private static IsoNode asFile(Node file) throws NotFoundException {
    if (!(file instanceof IsoNode n) || n.kind() != Node.Kind.FILE) {
      throw new NotFoundException("iso9660: not a file: " + file);
    }
    return n;
  }

  /**
   * Parses every record of a directory extent (records never cross a block; a zero length byte
   * means the rest of the block is unused, section 6.8.1.1), joining multi-extent files.
   */
  private List<DirEntry> readDirectory(IsoNode dir) throws IOException {
    Limits lim = bounds.limits();
    long max = Math.min(lim.metadataBytes, (long) lim.dirEntries * DirRecord.MIN_LENGTH);
    Limits.check(dir.dirLength(), max, "iso9660 " + dir.path() + ": directory bytes");
    dev.checkRange(dir.dirOffset(), dir.dirLength(), "iso9660 directory " + dir.path());
    List<DirEntry> out = new ArrayList<>();
    Pending pending = null;
    int count = 0;
    for (long s = 0; s < dir.dirLength(); s += bs) {
      int len = (int) Math.min(bs, dir.dirLength() - s);
      ByteView sec =
          ByteView.read(dev, dir.dirOffset() + s, len, "iso9660 directory " + dir.path());
      if (s == 0 && sec.u8(0) == 0) {
        // Every directory starts with its '.' record (section 6.8.2.2); a zero length here is
        // the endless-loop case of older readers, not an empty directory.
        throw sec.corrupt("directory " + dir.path() + " does not start with a '.' record");
      }
      int off = 0;
      while (off < len && sec.u8(off) != 0) {
        DirRecord r = DirRecord.parse(sec, off, len - off);
        off += r.length();
        Limits.check(++count, lim.dirEntries, "iso9660 " + dir.path() + ": directory records");
        if (r.isSelfOrParent() || (r.flags() & DirRecord.FLAG_ASSOCIATED) != 0) {
          continue;
        }
        pending = record(dir, r, pending, out);
      }
    }
    if (pending != null) {
      throw new CorruptDataException("iso9660 " + dir.path() + ": multi-extent file '"
          + pending.name + "' has no final extent");
    }
    return out;
  }

  /** A multi-extent file whose final record has not been seen yet (section 6.5.1). */
  private static final class Pending {
    final byte[] raw;
    final String name;
    final RockRidge rr;
    final List<Run> runs = new ArrayList<>();
    long size;

    Pending(byte[] raw, String name, RockRidge rr) {
      this.raw = raw;
      this.name = name;
      this.rr = rr;
    }
  }

  private Pending record(IsoNode dir, DirRecord r, Pending pending, List<DirEntry> out)
      throws IOException {
    RockRidge rr =
        names == Names.ROCK_RIDGE ? SystemUse.parse(dev, bs, r.systemUse(), suSkip) : RockRidge.NONE;
    if (pending != null && !Arrays.equals(pending.raw, r.name())) {
      throw new CorruptDataException("iso9660 " + dir.path() + ": multi-extent file '"
          + pending.name + "' is interrupted by another record");
    }
    if (rr.relocated()) {
      return null; // the real entry is the CL record in the original parent (RRIP 4.1.5)
    }
    String name =
        pending != null
            ? pending.name
            : rr.name() != null ? rr.name() : IsoNames.decode(r.name(), names == Names.JOLIET);
    String path = dir.path().endsWith("/") ? dir.path() + name : dir.path() + "/" + name;
    String unsupported = rr.unsupported();
    if (r.fileUnitSize() != 0 || r.interleaveGap() != 0) {
      unsupported = "interleaved recording (file unit size " + r.fileUnitSize() + ", gap "
          + r.interleaveGap() + ")";
    }
    boolean plainFile =
        rr.childLink() < 0 && !r.directory() && rr.linkTarget() == null
            && rr.fileType() != RockRidge.S_IFLNK;
    if (pending != null && !plainFile) {
      throw new CorruptDataException("iso9660 " + dir.path() + ": multi-extent file '"
          + pending.name + "' continues with a record that is not a file");
    }
    IsoNode node;
    if (rr.childLink() >= 0) {
      IsoNode d = relocatedDirectory(rr.childLink(), path);
      node = new IsoNode(d.kind(), 0, d.dirOffset(), d.dirLength(), null, null, null, null, path,
          null, d.attributes());
    } else if (r.directory()) {
      IsoNode d = dirNode(r, path);
      node =
          new IsoNode(
              d.kind(), 0, d.dirOffset(), d.dirLength(), null, null, null, unsupported, path,
              null, rr.attributes(r.recorded()));
    } else if (rr.linkTarget() != null || rr.fileType() == RockRidge.S_IFLNK) {
      String t = rr.linkTarget();
      long size = t == null ? 0 : t.getBytes(StandardCharsets.UTF_8).length;
      node =
          new IsoNode(Node.Kind.SYMLINK, size, -1, 0, null, t, rr.linkError(), null, path, null,
              rr.attributes(r.recorded()));
    } else {
      Pending p = pending != null ? pending : new Pending(r.name(), name, rr);
      if (r.dataLength() > 0) {
        Limits.check(p.runs.size() + 1, bounds.limits().extentsPerFile, path + ": extents");
        p.runs.add(new Run(p.size, extentOffset(r), r.dataLength()));
        p.size = Math.addExact(p.size, r.dataLength());
      }
      if ((r.flags() & DirRecord.FLAG_MULTI_EXTENT) != 0) {
        return p;
      }
      long type = p.rr.fileType();
      Node.Kind kind =
          type < 0 || type == RockRidge.S_IFREG ? Node.Kind.FILE : Node.Kind.OTHER;
      Zisofs.Params z = p.rr.zisofs();
      node =
          new IsoNode(
              kind, z != null ? z.size() : p.size, -1, 0, List.copyOf(p.runs), null, null,
              unsupported, path, z, p.rr.attributes(r.recorded()));
    }
    out.add(new DirEntry(name, new IsoEntry(node)));
    return null;
  }

  /** The directory a CL entry points to: its own '.' record gives its length. */
  private IsoNode relocatedDirectory(long block, String path) throws IOException {
    long off = Math.multiplyExact(block, (long) bs);
    dev.checkRange(off, bs, "iso9660 relocated directory (CL) of " + path);
    ByteView sec = ByteView.read(dev, off, bs, "iso9660 relocated directory " + path);
    if (sec.u8(0) == 0) {
      throw sec.corrupt("CL of " + path + " points to a block without a '.' record");
    }
    DirRecord dot = DirRecord.parse(sec, 0, bs);
    if (!dot.isSelfOrParent() || !dot.directory()) {
      throw sec.corrupt("CL of " + path + " points to a block that is not a directory");
    }
    // The relocated directory's own '.' record carries its PX and TF (Linux reads them there).
    RockRidge rr = names == Names.ROCK_RIDGE
        ? SystemUse.parse(dev, bs, dot.systemUse(), suSkip) : RockRidge.NONE;
    return new IsoNode(
        Node.Kind.DIRECTORY, 0, extentOffset(dot), dot.dataLength(), null, null, null, null, path,
        null, rr.attributes(dot.recorded()));
  }
}
