package org.jgrub.fs.zfs;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The four 256 KiB labels of one device (vdev_label_t: 8 KiB blank, 8 KiB boot header, 112 KiB
 * nvlist of the pool configuration, 128 KiB uberblock ring), two at the front and two at the end.
 * Each nvlist and each uberblock slot carries an embedded SHA-256 checksum whose verifier is its
 * byte offset on the device.
 */
final class VdevLabel {
  static final int LABEL_SIZE = 256 << 10;
  private static final int NVLIST_OFFSET = 16 << 10;
  private static final int NVLIST_SIZE = 112 << 10;
  private static final int RING_OFFSET = 128 << 10;
  private static final int RING_SIZE = 128 << 10;
  private static final int MIN_UB_SHIFT = 10;
  private static final int MAX_UB_SHIFT = 13;

  /** The configuration nvlist of the first valid label. */
  final NvList config;
  /** The newest valid uberblock on this device, or null. */
  final Uberblock best;
  final BlockDevice dev;

  private VdevLabel(BlockDevice dev, NvList config, Uberblock best) {
    this.dev = dev;
    this.config = config;
    this.best = best;
  }

  /** Where label {@code l} starts (vdev_label_offset). */
  static long labelOffset(long devSize, int l) {
    long psize = devSize & ~((long) LABEL_SIZE - 1);
    return (long) l * LABEL_SIZE + (l < 2 ? 0 : psize - 4L * LABEL_SIZE);
  }

  /** Whether any label's nvlist area ends with the embedded-checksum magic: cheap probe. */
  static boolean looksLikeZfs(BlockDevice dev) throws IOException {
    if (dev.size() < 4L * LABEL_SIZE) {
      return false;
    }
    for (int l = 0; l < 4; l++) {
      long at = labelOffset(dev.size(), l) + NVLIST_OFFSET + NVLIST_SIZE - EmbeddedChecksum.SIZE;
      byte[] b = dev.read(at, 8);
      long le = Checksum.word64(b, 0, false);
      if (le == EmbeddedChecksum.ZEC_MAGIC || Long.reverseBytes(le) == EmbeddedChecksum.ZEC_MAGIC) {
        return true;
      }
    }
    return false;
  }

  /** Reads all four labels; fails when none holds a valid configuration. */
  static VdevLabel read(BlockDevice dev) throws IOException {
    if (dev.size() < 4L * LABEL_SIZE) {
      throw new CorruptDataException("ZFS: " + dev.describe() + " is too small for a vdev");
    }
    NvList config = null;
    String why = "no label has a valid checksum";
    for (int l = 0; l < 4 && config == null; l++) {
      long at = labelOffset(dev.size(), l) + NVLIST_OFFSET;
      byte[] b = dev.read(at, NVLIST_SIZE);
      if (EmbeddedChecksum.verify(b, Checksum.LABEL, new long[] {at, 0, 0, 0}) == null) {
        continue;
      }
      try {
        config = NvListParser.parse(ByteView.of(b, "ZFS label " + l + " nvlist", at));
      } catch (CorruptDataException e) {
        why = e.getMessage();
      }
    }
    if (config == null) {
      throw new CorruptDataException(
          "ZFS: " + dev.describe() + ": no usable vdev label (" + why + ")");
    }
    NvList tree = config.list("vdev_tree");
    long ashift = tree == null ? 9 : tree.number("ashift", 9);
    int shift = (int) Math.min(Math.max(ashift, MIN_UB_SHIFT), MAX_UB_SHIFT);
    int slot = 1 << shift;
    Uberblock best = null;
    for (int l = 0; l < 4; l++) {
      long ring = labelOffset(dev.size(), l) + RING_OFFSET;
      byte[] all = dev.read(ring, RING_SIZE);
      for (int i = 0; i < RING_SIZE / slot; i++) {
        long at = ring + (long) i * slot;
        byte[] b = new byte[slot];
        System.arraycopy(all, i * slot, b, 0, slot);
        Boolean be = EmbeddedChecksum.verify(b, Checksum.LABEL, new long[] {at, 0, 0, 0});
        if (be == null) {
          continue;
        }
        Uberblock ub = Uberblock.parse(ByteView.of(b, "ZFS uberblock", at), be, at);
        if (ub != null && ub.txg() != 0 && ub.newerThan(best)) {
          best = ub;
        }
      }
    }
    return new VdevLabel(dev, config, best);
  }
}
