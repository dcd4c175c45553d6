package org.jgrub.volume.md;

import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Where the kernel's MD personalities put an array's bytes on its members (drivers/md/raid0.c,
 * raid10.c {@code __raid10_find_phys}, raid5.c {@code raid5_compute_sector}, linear.c). Sizes
 * and offsets are in bytes; member offsets count from the member's data offset.
 */
final class Geometry {
  static final int LINEAR = -1;
  // raid5.h ALGORITHM_*: the layouts mdadm names left/right-asymmetric/symmetric, parity-first/last.
  static final int LEFT_ASYMMETRIC = 0;
  static final int RIGHT_ASYMMETRIC = 1;
  static final int LEFT_SYMMETRIC = 2;
  static final int RIGHT_SYMMETRIC = 3;
  static final int PARITY_0 = 4;
  static final int PARITY_N = 5;
  static final String[] RAID5_LAYOUTS = {
    "left-asymmetric", "right-asymmetric", "left-symmetric", "right-symmetric", "parity-first",
    "parity-last"
  };

  final int level;
  final int layout;
  final long chunk;
  final int disks;
  /** Bytes of each member the array uses. */
  final long memberSize;
  /** linear: each member's size; others: null. */
  final long[] sizes;
  final long size;
  // raid10
  final int near;
  final int far;
  final boolean farOffset;
  final long stride;

  private Geometry(int level, int layout, long chunk, int disks, long memberSize, long[] sizes,
      long size, int near, int far, boolean farOffset, long stride) {
    this.level = level;
    this.layout = layout;
    this.chunk = chunk;
    this.disks = disks;
    this.memberSize = memberSize;
    this.sizes = sizes;
    this.size = size;
    this.near = near;
    this.far = far;
    this.farOffset = farOffset;
    this.stride = stride;
  }

  /**
   * The geometry of an array, from its superblock's level, layout and chunk, its member count and
   * the bytes each member contributes ({@code memberSizes[i]}, the data size of member i, for
   * linear and raid0; {@code componentSize} for the others).
   */
  static Geometry of(Superblock sb, long componentSize, long[] memberSizes)
      throws CorruptDataException, UnsupportedFeatureException {
    int n = sb.raidDisks();
    long chunk = sb.chunk();
    String what = "RAID level " + sb.level();
    switch (sb.level()) {
      case 1:
        return new Geometry(1, 0, 0, n, componentSize, null, componentSize, 1, 1, false, 0);
      case LINEAR: {
        long total = 0;
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
          sizes[i] = chunk > 0 ? memberSizes[i] / chunk * chunk : memberSizes[i];
          total = Math.addExact(total, sizes[i]);
        }
        return new Geometry(LINEAR, 0, chunk, n, 0, sizes, total, 1, 1, false, 0);
      }
      case 0: {
        checkChunk(chunk, what);
        long each = memberSizes[0] / chunk * chunk;
        for (int i = 1; i < n; i++) {
          if (memberSizes[i] / chunk * chunk != each) {
            // Members of different sizes make raid0 "zones", whose layout also depends on the
            // kernel version that created them (RAID0_ORIG_LAYOUT / RAID0_ALT_MULTIZONE_LAYOUT).
            throw new UnsupportedFeatureException(
                "raid0 with members of different sizes (" + memberSizes[0] + " and "
                    + memberSizes[i] + " bytes): multi-zone raid0 is not read");
          }
        }
        return new Geometry(0, 0, chunk, n, each, null, Math.multiplyExact(each, n), 1, 1, false, 0);
      }
      case 10: {
        checkChunk(chunk, what);
        int layout = sb.layout();
        int near = layout & 0xff;
        int far = (layout >> 8) & 0xff;
        boolean offset = (layout & 0x10000) != 0;
        if ((layout >>> 17) != 0 || near < 1 || far < 1 || near * far > n) {
          throw new UnsupportedFeatureException(
              "raid10 layout 0x" + Integer.toHexString(layout) + " (near " + near + ", far " + far
                  + (offset ? ", offset" : "") + " on " + n + " members): not read");
        }
        // raid10.c calc_sectors: the array's chunks, then the chunks each member uses, rounded
        // up; a far copy lies one member-share further on (the next chunk for "offset").
        long chunks = Math.multiplyExact(componentSize / chunk / far, n) / near;
        long used = (Math.multiplyExact(chunks, (long) near * far) + n - 1) / n;
        long stride = offset ? chunk : used / far * chunk;
        long size = Math.multiplyExact(chunks, chunk);
        return new Geometry(10, layout, chunk, n, componentSize, null, size, near, far, offset,
            stride);
      }
      case 4:
      case 5:
      case 6: {
        checkChunk(chunk, what);
        int parity = sb.level() == 6 ? 2 : 1;
        int layout = sb.level() == 4 ? PARITY_N : sb.layout();
        if (layout < LEFT_ASYMMETRIC || layout > PARITY_N) {
          throw new UnsupportedFeatureException(
              "raid" + sb.level() + " layout " + layout + ": only the layouts "
                  + String.join(", ", RAID5_LAYOUTS) + " (0-5) are read");
        }
        if (n <= parity) {
          throw new CorruptDataException("raid" + sb.level() + " with " + n + " members");
        }
        long each = componentSize / chunk * chunk;
        return new Geometry(sb.level(), layout, chunk, n, each, null,
            Math.multiplyExact(each, n - parity), 1, 1, false, 0);
      }
      default:
        throw new UnsupportedFeatureException(
            "RAID level " + sb.level() + (sb.level() == -4 ? " (multipath)" : "") + ": not read");
    }
  }

  private static void checkChunk(long chunk, String what) throws CorruptDataException {
    // mdadm's chunks are powers of two from 4 KiB; the kernel takes any multiple of a sector.
    if (chunk < 512 || chunk % 512 != 0 || chunk > (1L << 30)) {
      throw new CorruptDataException(what + ": chunk size of " + chunk + " bytes");
    }
  }

  /** Parity and data disk roles of one raid4/5/6 stripe row. */
  record Stripe(int data, int p, int q) {}

  /**
   * raid5_compute_sector for data chunk {@code dataIndex} of stripe row {@code row}: the member
   * holding it and the parity members of the row ({@code q} is -1 for raid4/5).
   */
  Stripe stripe(long row, int dataIndex) {
    int n = disks;
    int dd = dataIndex;
    int r = (int) (row % n);
    if (level != 6) {
      int dataDisks = n - 1;
      int pd;
      switch (layout) {
        case LEFT_ASYMMETRIC -> {
          pd = dataDisks - r;
          if (dd >= pd) dd++;
        }
        case RIGHT_ASYMMETRIC -> {
          pd = r;
          if (dd >= pd) dd++;
        }
        case LEFT_SYMMETRIC -> {
          pd = dataDisks - r;
          dd = (pd + 1 + dd) % n;
        }
        case RIGHT_SYMMETRIC -> {
          pd = r;
          dd = (pd + 1 + dd) % n;
        }
        case PARITY_0 -> {
          pd = 0;
          dd++;
        }
        default -> pd = dataDisks; // PARITY_N, raid4
      }
      return new Stripe(dd, pd, -1);
    }
    int pd;
    int qd;
    switch (layout) {
      case LEFT_ASYMMETRIC, RIGHT_ASYMMETRIC -> {
        pd = layout == LEFT_ASYMMETRIC ? n - 1 - r : r;
        qd = pd + 1;
        if (pd == n - 1) {
          dd++;
          qd = 0;
        } else if (dd >= pd) {
          dd += 2;
        }
      }
      case LEFT_SYMMETRIC, RIGHT_SYMMETRIC -> {
        pd = layout == LEFT_SYMMETRIC ? n - 1 - r : r;
        qd = (pd + 1) % n;
        dd = (pd + 2 + dd) % n;
      }
      case PARITY_0 -> {
        pd = 0;
        qd = 1;
        dd += 2;
      }
      default -> {
        pd = n - 2;
        qd = n - 1;
      }
    }
    return new Stripe(dd, pd, qd);
  }

  /** Data chunks per raid4/5/6 stripe row. */
  int dataDisks() {
    return disks - (level == 6 ? 2 : 1);
  }

  /** raid10: the member and member byte of copy {@code copy} (0..near*far-1) of array byte {@code at}. */
  long[] raid10Copy(long at, int copy) {
    long chunkNo = at / chunk;
    long within = at % chunk;
    long c = chunkNo * near;
    long row = c / disks;
    int dev = (int) (c % disks);
    if (farOffset) {
      row *= far;
    }
    long s = row * chunk + within;
    int nearCopy = copy / far;
    int farCopy = copy % far;
    dev += nearCopy;
    while (dev >= disks) {
      dev -= disks;
      s += chunk;
    }
    for (int f = 0; f < farCopy; f++) {
      dev = (dev + near) % disks;
      s += stride;
    }
    return new long[] {dev, s};
  }
}
