package org.jgrub.fs.squashfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.compress.Codecs;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;

/**
 * A squashfs 4.0 volume: inodes and directory listings live in metadata-block tables, file data in
 * blocks of the superblock's block size, each compressed alone, with a file's tail either a last
 * block or a piece of a shared fragment block. Layout of each structure as in the kernel's
 * fs/squashfs/squashfs_fs.h; no data is mapped to runs, since blocks are compressed.
 */
final class SquashFs implements GuestFs {
  static final int INODE_HEADER = 16;
  static final int BASIC_DIR = 1;
  static final int BASIC_FILE = 2;
  static final int BASIC_SYMLINK = 3;
  static final int EXT_DIR = 8;
  static final int EXT_FILE = 9;
  static final int EXT_SYMLINK = 10;
  /** The "." and ".." a directory's size counts but its listing does not store. */
  static final int DIR_SIZE_BIAS = 3;
  static final int DIR_HEADER = 12;
  static final int DIR_ENTRY = 8;
  /** SQUASHFS_DIR_COUNT: entries per directory header. */
  static final int DIR_COUNT = 256;
  static final int NAME_MAX = 256;
  static final int LINK_MAX = 4096;
  static final int FRAGMENT_ENTRY = 16;
  static final int BLOCK_UNCOMPRESSED = 1 << 24;
  private static final long SIZE_MASK = 0xffffffffL & ~BLOCK_UNCOMPRESSED;

  private final BlockDevice dev;
  private final SquashSuperblock sb;
  private final Codecs codecs = new Codecs();
  private final SquashMeta meta;
  private final SquashIds ids;
  private final SquashNode root;
  private final byte[] buf;
  /** The decoded data block in {@link #buf}: the disk byte of its stored bytes, or -1. */
  private long bufAt = -1;
  private int bufLen;

  private final Bounds bounds;

  SquashFs(BlockDevice dev, SquashSuperblock sb, Bounds bounds) throws IOException {
    this.dev = dev;
    this.sb = sb;
    this.bounds = bounds;
    this.meta = new SquashMeta(dev, codecs, sb.compression(), sb.bytesUsed(), bounds.budget());
    this.buf = new byte[sb.blockSize()];
    this.ids = new SquashIds(dev, meta, sb.bytesUsed());
    this.root = inode(sb.rootInode());
    if (root.kind() != Node.Kind.DIRECTORY) {
      throw new CorruptDataException(where() + ": root " + root.name() + " is not a directory");
    }
  }

  private String where() {
    return "squashfs on " + dev.describe();
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String type() {
    return "squashfs";
  }

  /** squashfs has neither a UUID nor a label (GRUB and blkid report none). */
  @Override
  public Optional<String> uuid() {
    return Optional.empty();
  }

  @Override
  public Optional<String> label() {
    return Optional.empty();
  }

  @Override
  public Node root() {
    return root;
  }

  /** Reads the inode {@code ref} names: its metadata block (from the inode table) and offset. */
  SquashNode inode(long ref) throws IOException {
    long block = ref >>> 16;
    int offset = (int) (ref & 0xffff);
    String what = "inode 0x" + Long.toHexString(ref);
    if (block >= sb.directoryTable() - sb.inodeTable() || offset >= SquashMeta.BLOCK) {
      throw new CorruptDataException(where() + ": " + what + " lies outside the inode table");
    }
    SquashMeta.Stream s = meta.stream(sb.inodeTable() + block, offset, what);
    ByteView h = s.view(INODE_HEADER);
    int type = h.u16le(0);
    // The header: type, permission bits, uid and gid indexes, mtime, inode number.
    int perm = h.u16le(2);
    int uid = h.u16le(4);
    int gid = h.u16le(6);
    long mtime = h.u32le(8);
    switch (type) {
      case BASIC_DIR -> {
        ByteView v = s.view(16);
        return dir(ref, v.u32le(0), v.u16le(10), v.u16le(8),
            new SquashNode.Head(type, perm, uid, gid, mtime, v.u32le(4), ids));
      }
      case EXT_DIR -> {
        ByteView v = s.view(24);
        return dir(ref, v.u32le(8), v.u16le(18), v.u32le(4),
            new SquashNode.Head(type, perm, uid, gid, mtime, v.u32le(0), ids));
      }
      case BASIC_FILE -> {
        ByteView v = s.view(16);
        return file(s, ref, v.u32le(0), v.u32le(12), v.u32le(4), v.u32le(8),
            new SquashNode.Head(type, perm, uid, gid, mtime, 1, ids));
      }
      case EXT_FILE -> {
        ByteView v = s.view(40);
        long size = v.u64le(8);
        if (size < 0) {
          throw v.corrupt(what + ": file size " + Long.toUnsignedString(size));
        }
        return file(s, ref, v.u64le(0), size, v.u32le(28), v.u32le(32),
            new SquashNode.Head(type, perm, uid, gid, mtime, v.u32le(24), ids));
      }
      case BASIC_SYMLINK, EXT_SYMLINK -> {
        ByteView v = s.view(8);
        long len = v.u32le(4);
        if (len > LINK_MAX) {
          throw v.corrupt(what + ": symbolic link target of " + len + " bytes (at most "
              + LINK_MAX + ")");
        }
        byte[] t = new byte[(int) len];
        s.read(t, 0, t.length);
        return new SquashNode(Node.Kind.SYMLINK, len, ref, 0, 0, null, null, 0, 0,
            new String(t, StandardCharsets.UTF_8),
            new SquashNode.Head(type, perm, uid, gid, mtime, v.u32le(0), ids));
      }
      default -> {
        if (type < 1 || type > 14) {
          throw h.corrupt(what + ": inode type " + type);
        }
        // devices, fifos and sockets (basic 4-7, extended 11-14)
        return new SquashNode(Node.Kind.OTHER, 0, ref, 0, 0, null, null, 0, 0, null,
            new SquashNode.Head(type, perm, uid, gid, mtime, s.view(4).u32le(0), ids));
      }
    }
  }

  private SquashNode dir(long ref, long block, int offset, long size, SquashNode.Head head)
      throws CorruptDataException {
    if (offset >= SquashMeta.BLOCK) {
      throw new CorruptDataException(where() + ": directory inode 0x" + Long.toHexString(ref)
          + ": listing offset " + offset + " past a metadata block");
    }
    return new SquashNode(Node.Kind.DIRECTORY, size, ref, block, offset, null, null, 0, 0, null,
        head);
  }

  /** A file inode's block list: one u32 per full block, and one for a last partial block. */
  private SquashNode file(SquashMeta.Stream s, long ref, long start, long size, long fragment,
      long fragOffset, SquashNode.Head head) throws IOException {
    String what = "file inode 0x" + Long.toHexString(ref);
    int bs = sb.blockSize();
    long count = fragment == SquashNode.NO_FRAGMENT ? (size + bs - 1) / bs : size / bs;
    Limits.check(count, bounds.limits().extentsPerFile, where() + ": " + what + ": blocks");
    // The offset is checked against the decoded fragment block when read; here only against the
    // largest block there can be, so that it fits an int.
    int maxBlock = 1 << SquashSuperblock.MAX_BLOCK_LOG;
    if (fragment != SquashNode.NO_FRAGMENT && (fragOffset >= maxBlock || size % bs == 0)) {
      throw new CorruptDataException(where() + ": " + what + ": tail of " + size % bs
          + " bytes at fragment offset " + fragOffset + " (block size " + bs + ")");
    }
    // A file held wholly in a fragment has no blocks, and mksquashfs writes its start as 0.
    if (count > 0 && (start < SquashSuperblock.SIZE || start > sb.bytesUsed())) {
      throw new CorruptDataException(where() + ": " + what + ": data at byte " + start
          + " outside the filesystem's " + sb.bytesUsed() + " bytes");
    }
    byte[] raw = new byte[(int) count * 4];
    s.read(raw, 0, raw.length);
    ByteView v = ByteView.of(raw, "squashfs " + what + " block list");
    int[] blocks = new int[(int) count];
    // Where each block is stored: after the stored sizes of those before it (at most 2^20
    // blocks of less than 2^32 bytes each, so the sum cannot overflow).
    long[] starts = new long[(int) count];
    long at = start;
    for (int i = 0; i < count; i++) {
      blocks[i] = (int) v.u32le(4 * i);
      starts[i] = at;
      at += blocks[i] & SIZE_MASK;
    }
    return new SquashNode(Node.Kind.FILE, size, ref, 0, 0, starts, blocks, fragment,
        (int) fragOffset, null, head);
  }

  private static SquashNode as(Node n, Node.Kind kind) throws NotFoundException {
    if (!(n instanceof SquashNode s) || s.kind() != kind) {
      throw new NotFoundException("squashfs: not a " + kind.name().toLowerCase() + ": " + n);
    }
    return s;
  }

  /**
   * The directory's listing: runs of a header (entry count - 1, the inodes' metadata block, a base
   * inode number) followed by at most 256 entries (offset in that block, inode number delta, type,
   * name length - 1, name).
   */
  @Override
  public List<DirEntry> list(Node dirNode) throws IOException {
    SquashNode dir = as(dirNode, Node.Kind.DIRECTORY);
    String what = "directory " + dir.name();
    long total = dir.size() - DIR_SIZE_BIAS;
    Limits lim = bounds.limits();
    Limits.check(Math.max(total, 0), lim.metadataBytes, where() + ": " + what + " bytes");
    List<DirEntry> out = new ArrayList<>();
    if (total <= 0) {
      return out;
    }
    SquashMeta.Stream s =
        meta.stream(sb.directoryTable() + dir.dirBlock(), dir.dirOffset(), what);
    long done = 0;
    byte[] name = new byte[NAME_MAX];
    while (done < total) {
      if (total - done < DIR_HEADER) {
        throw new CorruptDataException(where() + ": " + what + ": listing ends inside a header");
      }
      ByteView h = s.view(DIR_HEADER);
      done += DIR_HEADER;
      long count = h.u32le(0) + 1;
      long block = h.u32le(4);
      if (count > DIR_COUNT) {
        throw h.corrupt(what + ": header of " + count + " entries (at most " + DIR_COUNT + ")");
      }
      for (int i = 0; i < count; i++) {
        if (total - done < DIR_ENTRY) {
          throw new CorruptDataException(where() + ": " + what + ": listing ends inside an entry");
        }
        ByteView e = s.view(DIR_ENTRY);
        int offset = e.u16le(0);
        int len = e.u16le(6) + 1;
        if (len > NAME_MAX || total - done - DIR_ENTRY < len) {
          throw e.corrupt(what + ": name of " + len + " bytes in a listing with "
              + (total - done - DIR_ENTRY) + " bytes left");
        }
        s.read(name, 0, len);
        done += DIR_ENTRY + len;
        Limits.check(out.size() + 1, lim.dirEntries, where() + ": " + what + ": entries");
        if (len <= 2 && name[0] == '.' && (len == 1 || name[1] == '.')) {
          continue; // mksquashfs never stores "." or ".."; a listing that does must not shadow them
        }
        out.add(new DirEntry(new String(name, 0, len, StandardCharsets.UTF_8),
            new SquashEntry(block << 16 | offset)));
      }
    }
    bounds.budget().charge(Budget.Kind.DIR_ENTRIES, out.size());
    return out;
  }

  @Override
  public Node open(DirEntry entry) throws IOException {
    if (!(entry.ref() instanceof SquashEntry e)) {
      throw new IllegalArgumentException("not a squashfs entry: " + entry);
    }
    return inode(e.ref());
  }

  @Override
  public String readLink(Node link) throws IOException {
    return as(link, Node.Kind.SYMLINK).target();
  }

  @Override
  public int read(Node file, long pos, ByteBuffer dst) throws IOException {
    SquashNode n = as(file, Node.Kind.FILE);
    if (pos >= n.size()) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int bs = sb.blockSize();
    int done = 0;
    while (dst.hasRemaining() && pos < n.size()) {
      long index = pos / bs;
      int within = (int) (pos % bs);
      int k = (int) Math.min(dst.remaining(), Math.min(bs - within, n.size() - pos));
      if (index < n.blocks().length) {
        int word = n.blocks()[(int) index];
        if ((word & SIZE_MASK) == 0) {
          for (int i = 0; i < k; i++) {
            dst.put((byte) 0); // a sparse block
          }
        } else {
          int want = (int) Math.min(bs, n.size() - index * bs);
          decode(n.starts()[(int) index], word, want, want, n.name() + " block " + index);
          dst.put(buf, within, k);
        }
      } else {
        int tail = (int) (n.size() - index * bs);
        int from = fragment(n, tail);
        dst.put(buf, from + within, k);
      }
      pos += k;
      done += k;
    }
    return done;
  }

  /**
   * Decodes the block whose stored size word is {@code word} at disk byte {@code at} into
   * {@link #buf}; it must hold at least {@code min} bytes and, compressed, at most the block size.
   */
  private void decode(long at, int word, int min, int exact, String what) throws IOException {
    if (at == bufAt && bufLen >= min && (exact < 0 || bufLen == exact)) {
      return;
    }
    long stored = word & SIZE_MASK;
    int bs = sb.blockSize();
    if (stored > bs || at + stored > sb.bytesUsed()) {
      throw new CorruptDataException(where() + ": " + what + ": " + stored
          + " stored bytes at byte " + at + " (block size " + bs + ", filesystem of "
          + sb.bytesUsed() + " bytes)");
    }
    bufAt = -1;
    byte[] in = dev.read(at, (int) stored);
    int got;
    if ((word & BLOCK_UNCOMPRESSED) != 0) {
      System.arraycopy(in, 0, buf, 0, in.length);
      got = in.length;
    } else {
      got = SquashDecompress.run(codecs, sb.compression(), in, 0, in.length, buf, bs,
          where() + ": " + what + " at byte " + at, bounds.budget());
    }
    if (got < min || (exact >= 0 && got != exact)) {
      throw new CorruptDataException(where() + ": " + what + " at byte " + at + " holds " + got
          + " bytes, not " + (exact >= 0 ? exact : min));
    }
    bufAt = at;
    bufLen = got;
  }

  /** Decodes the fragment block holding {@code n}'s tail; returns where the tail starts in it. */
  private int fragment(SquashNode n, int tail) throws IOException {
    long i = n.fragment();
    String what = n.name() + " fragment " + i;
    if (i == SquashNode.NO_FRAGMENT || i >= sb.fragments()) {
      throw new CorruptDataException(where() + ": " + what + " out of range (the fragment table"
          + " has " + sb.fragments() + " entries)");
    }
    int perBlock = SquashMeta.BLOCK / FRAGMENT_ENTRY;
    long index = sb.fragmentTable() + i / perBlock * 8;
    if (index > sb.bytesUsed() - 8) {
      throw new CorruptDataException(where() + ": " + what + ": fragment index at byte " + index
          + " past the filesystem's " + sb.bytesUsed() + " bytes");
    }
    long table = ByteView.read(dev, index, 8, "squashfs fragment index").u64le(0);
    SquashMeta.Stream s =
        meta.stream(table, (int) (i % perBlock) * FRAGMENT_ENTRY, "fragment table");
    ByteView e = s.view(FRAGMENT_ENTRY);
    long start = e.u64le(0);
    int word = (int) e.u32le(8);
    if (start < SquashSuperblock.SIZE || start > sb.bytesUsed()) {
      throw e.corrupt(what + ": block at byte " + Long.toUnsignedString(start)
          + " outside the filesystem's " + sb.bytesUsed() + " bytes");
    }
    decode(start, word, n.fragmentOffset() + tail, -1, what);
    return n.fragmentOffset();
  }

  @Override
  public String toString() {
    return where() + " (" + sb.compressorName() + ", " + sb.blockSize() + "-byte blocks, "
        + sb.inodes() + " inodes)";
  }
}
