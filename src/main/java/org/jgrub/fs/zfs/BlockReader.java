package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.Map;
import org.jgrub.compress.Codecs;
import org.jgrub.io.Bounds;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Reads a block through its block pointer (zio_read): embedded data and holes without I/O; else
 * each copy (DVA) in turn, through gang headers, until one passes its checksum; then decompresses.
 * Also walks a dnode's indirect tree to a level-0 block.
 */
final class BlockReader {
  private static final int GANG_BLOCK_SIZE = 512;
  private static final int GANG_BLKPTRS = 3;
  private static final int MAX_GANG_DEPTH = 8;
  private static final int OT_OBJSET = 11;
  private static final int BLKPTR_SHIFT = 7;

  private static final int OT_PLAIN_FILE_CONTENTS = 19;

  private final Map<Long, Vdev> topVdevs;
  private final BlockCache cache = new BlockCache(64L << 20);
  /** Decoders reused from block to block; used under its own lock. */
  private final Codecs codecs = new Codecs();
  /**
   * The last file data block: a copy streams through a file once, so its blocks stay out of the
   * cache (which would otherwise fill with 64 MB of them), but a block read in pieces is kept.
   */
  private BlockCache.Key lastDataKey;
  private ZfsPool.Block lastData;
  /** Bytes of metadata (everything but file data blocks) read from disk for this pool. */
  private long metadataRead;

  private final Bounds bounds;

  BlockReader(Map<Long, Vdev> topVdevs, Bounds bounds) {
    this.topVdevs = topVdevs;
    this.bounds = bounds;
  }

  ZfsPool.Block read(BlockPtr bp, String what) throws IOException {
    int lsize = bp.lsize();
    Limits.check(lsize, bounds.limits().decompressedBlockBytes, "ZFS: " + what + " block size");
    if (bp.isEmbedded()) {
      if (bp.embeddedType() != BlockPtr.EMBEDDED_TYPE_DATA) {
        throw new UnsupportedFeatureException(
            "ZFS: " + what + ": embedded block pointer of type " + bp.embeddedType());
      }
      if (bp.psize() > BlockPtr.EMBEDDED_PAYLOAD) {
        throw new CorruptDataException("ZFS: " + what + ": embedded payload of " + bp.psize()
            + " bytes exceeds " + BlockPtr.EMBEDDED_PAYLOAD);
      }
      byte[] data = decompress(bp, bp.embedded(), lsize, what);
      return new ZfsPool.Block(data, bp.bigEndian());
    }
    if (bp.isHole()) {
      return new ZfsPool.Block(new byte[lsize], bp.bigEndian());
    }
    Limits.check(bp.psize(), bounds.limits().decompressedBlockBytes,
        "ZFS: " + what + " physical block size");
    if (bp.usesCrypt() && bp.type() != OT_OBJSET) {
      throw new UnsupportedFeatureException("ZFS: " + what + " is encrypted");
    }
    Dva d0 = bp.dvas()[0];
    BlockCache.Key key = new BlockCache.Key(d0.vdev(), d0.offset(), bp.birth());
    boolean fileData = bp.type() == OT_PLAIN_FILE_CONTENTS && bp.level() == 0;
    ZfsPool.Block cached;
    synchronized (this) {
      cached = fileData ? (key.equals(lastDataKey) ? lastData : null) : cache.get(key);
    }
    if (cached != null && cached.data().length == lsize) {
      return cached;
    }
    if (!fileData) {
      synchronized (this) {
        metadataRead += lsize;
        Limits.check(metadataRead, bounds.limits().metadataBytes,
            "ZFS: metadata read from the pool (at " + what + ")");
      }
    }
    byte[] raw = readPhysical(bp, 0, what);
    ZfsPool.Block b = new ZfsPool.Block(decompress(bp, raw, lsize, what), bp.bigEndian());
    if (fileData) {
      synchronized (this) {
        lastDataKey = key;
        lastData = b;
      }
    } else {
      cache.put(key, b);
    }
    return b;
  }

  private byte[] decompress(BlockPtr bp, byte[] src, int lsize, String what) throws IOException {
    synchronized (codecs) {
      return Compression.decompress(codecs, bp.compression(), src, bp.psize(), lsize, what,
          bounds.budget());
    }
  }

  /** The block's {@code psize} stored bytes from the first copy that verifies. */
  private byte[] readPhysical(BlockPtr bp, int gangDepth, String what) throws IOException {
    if (gangDepth > MAX_GANG_DEPTH) {
      throw new CorruptDataException("ZFS: " + what + ": gang blocks nested deeper than "
          + MAX_GANG_DEPTH);
    }
    BpCheck check = new BpCheck(bp, what);
    CorruptDataException last = null;
    for (Dva dva : bp.dvas()) {
      if (dva.isEmpty()) {
        continue;
      }
      try {
        byte[] b;
        if (dva.gang()) {
          b = readGang(bp, dva, gangDepth, what);
          b = b != null && check.ok(b) ? b : null;
        } else {
          b = vdev(dva, what).read(dva.offset(), bp.psize(), check);
        }
        if (b != null) {
          return b;
        }
      } catch (CorruptDataException e) {
        last = e; // try the next copy
      }
    }
    if (last != null) {
      throw last;
    }
    throw new CorruptDataException("ZFS: " + what + ": " + Checksum.name(bp.checksumType())
        + " checksum mismatch on every copy of " + bp.describe());
  }

  private Vdev vdev(Dva dva, String what) throws CorruptDataException {
    Vdev v = topVdevs.get(dva.vdev());
    if (v == null) {
      throw new CorruptDataException("ZFS: " + what + ": " + dva + " names top-level vdev "
          + dva.vdev() + ", which the pool configuration does not have");
    }
    return v;
  }

  private byte[] readGang(BlockPtr bp, Dva dva, int depth, String what) throws IOException {
    // The gang verifier is always built from the first DVA (zio_checksum_gang_verifier).
    Dva id = bp.dvas()[0];
    GangCheck gangCheck = new GangCheck(new long[] {id.vdev(), id.offset(), bp.birth(), 0});
    byte[] header = vdev(dva, what).read(dva.offset(), GANG_BLOCK_SIZE, gangCheck);
    if (header == null) {
      return null;
    }
    boolean headerBe = gangCheck.bigEndian;
    ByteView v = ByteView.of(header, "ZFS gang header of " + what);
    byte[] out = new byte[bp.psize()];
    int at = 0;
    for (int i = 0; i < GANG_BLKPTRS && at < out.length; i++) {
      BlockPtr child = BlockPtr.parse(v, i * BlockPtr.SIZE, headerBe);
      if (child.isHole() || child.isEmbedded()) {
        continue;
      }
      byte[] part = readPhysical(child, depth + 1, what);
      int n = Math.min(part.length, out.length - at);
      System.arraycopy(part, 0, out, at, n);
      at += n;
    }
    return out;
  }

  /**
   * Level-0 block {@code blkid} of the object, walking {@code nlevels - 1} indirect levels; null
   * for a hole or past the object's last block. Each pointer's level must be one less than its
   * parent's, so a pointer loop cannot be followed.
   */
  ZfsPool.Block readObjectBlock(Dnode dn, long blkid, String what) throws IOException {
    if (blkid < 0 || Long.compareUnsigned(blkid, dn.maxBlkId()) > 0) {
      return null;
    }
    int nlevels = dn.nlevels();
    Limits.check(nlevels, bounds.limits().treeDepth, "ZFS: " + what + " indirect levels");
    int epbs = dn.indBlkShift() - BLKPTR_SHIFT;
    if (nlevels < 1 || (nlevels > 1 && (epbs < 1 || epbs * (nlevels - 1) >= 63))) {
      throw new CorruptDataException("ZFS: " + what + ": dnode " + dn.objnum() + " has "
          + nlevels + " levels of 2^" + epbs + " pointers");
    }
    int top = nlevels - 1;
    long topIndex = blkid >>> (epbs * top);
    if (topIndex >= dn.blkptrs().length) {
      return null;
    }
    BlockPtr bp = dn.blkptrs()[(int) topIndex];
    for (int lvl = top; lvl >= 1; lvl--) {
      if (bp.isHole()) {
        return null;
      }
      if (bp.isEmbedded() || bp.level() != lvl) {
        throw new CorruptDataException("ZFS: " + what + ": block pointer at level " + lvl
            + " claims level " + bp.level() + " (" + bp.describe() + ")");
      }
      ZfsPool.Block ib = read(bp, what + " indirect block");
      long idx = (blkid >>> (epbs * (lvl - 1))) & ((1L << epbs) - 1);
      ByteView v = ByteView.of(ib.data(), "ZFS indirect block of " + what);
      bp = BlockPtr.parse(v, (int) idx * BlockPtr.SIZE, ib.bigEndian());
    }
    if (bp.isHole()) {
      return null;
    }
    if (!bp.isEmbedded() && bp.level() != 0) {
      throw new CorruptDataException("ZFS: " + what + ": data block pointer claims level "
          + bp.level() + " (" + bp.describe() + ")");
    }
    return read(bp, what);
  }

  /** The embedded checksum test of a gang header; remembers the header's byte order. */
  private static final class GangCheck implements BlockCheck {
    private final long[] verifier;
    boolean bigEndian;

    GangCheck(long[] verifier) {
      this.verifier = verifier;
    }

    @Override
    public boolean ok(byte[] data) throws IOException {
      Boolean be = EmbeddedChecksum.verify(data, Checksum.GANG_HEADER, verifier);
      bigEndian = be != null && be;
      return be != null;
    }
  }

  /** The checksum test for one block pointer. */
  private static final class BpCheck implements BlockCheck {
    private final BlockPtr bp;
    private final String what;

    BpCheck(BlockPtr bp, String what) {
      this.bp = bp;
      this.what = what;
    }

    @Override
    public boolean ok(byte[] data) throws IOException {
      int type = bp.checksumType();
      if (type == Checksum.OFF || type == Checksum.NOPARITY) {
        return true;
      }
      long[] actual;
      try {
        actual = Checksum.compute(type, data, bp.psize(), bp.bigEndian());
      } catch (UnsupportedFeatureException e) {
        throw new UnsupportedFeatureException(e.getMessage() + " (" + what + ")");
      }
      long[] expected = bp.checksum();
      // Encrypted datasets keep a MAC in the last two words (zio_checksum_error_impl).
      int words = bp.usesCrypt() ? 2 : 4;
      for (int i = 0; i < words; i++) {
        if (actual[i] != expected[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
