package org.jgrub.fs.btrfs;

import org.jgrub.io.UnsupportedFeatureException;

/**
 * Which btrfs incompat bits jgrub reads or may ignore (each with its reason) and which it refuses
 * (btrfs.h, BTRFS_FEATURE_INCOMPAT_*). compat_ro bits never stop a reader: free-space tree,
 * verity (jgrub does not verify fs-verity, it reads the data) and the block-group tree (jgrub
 * maps addresses through the chunk tree, not block groups).
 */
final class BtrfsFeatures {
  private BtrfsFeatures() {}

  static final long MIXED_BACKREF = 1L << 0;
  static final long DEFAULT_SUBVOL = 1L << 1;
  static final long MIXED_GROUPS = 1L << 2;
  static final long COMPRESS_LZO = 1L << 3;
  static final long COMPRESS_ZSTD = 1L << 4;
  static final long BIG_METADATA = 1L << 5;
  static final long EXTENDED_IREF = 1L << 6;
  static final long RAID56 = 1L << 7;
  static final long SKINNY_METADATA = 1L << 8;
  static final long NO_HOLES = 1L << 9;
  static final long METADATA_UUID = 1L << 10;
  static final long RAID1C34 = 1L << 11;
  static final long ZONED = 1L << 12;
  static final long EXTENT_TREE_V2 = 1L << 13;
  static final long RAID_STRIPE_TREE = 1L << 14;
  static final long SIMPLE_QUOTA = 1L << 16;

  /**
   * Read or ignored: mixed backrefs, skinny metadata and simple quotas (extent-tree bookkeeping,
   * never read), a default subvolume (read from the root tree), mixed block groups (data and
   * metadata share chunks: mapping is the same), lzo and zstd (decompressed), big metadata (node
   * sizes above 4 KiB, read from the superblock), extended inode refs (back references, never
   * read), no-holes (holes are gaps between extents, which jgrub zero-fills anyway), a metadata
   * UUID (tree blocks carry it instead of the fsid), RAID1C3/4 (any mirror on this device).
   * RAID5/6 chunks are refused where they are mapped, not here, so a volume whose boot files
   * lie in single or mirrored chunks still reads.
   */
  static final long READ =
      MIXED_BACKREF
          | DEFAULT_SUBVOL
          | MIXED_GROUPS
          | COMPRESS_LZO
          | COMPRESS_ZSTD
          | BIG_METADATA
          | EXTENDED_IREF
          | RAID56
          | SKINNY_METADATA
          | NO_HOLES
          | METADATA_UUID
          | RAID1C34
          | SIMPLE_QUOTA;

  static void check(long incompat) throws UnsupportedFeatureException {
    long unknown = incompat & ~READ;
    if (unknown == 0) {
      return;
    }
    String name;
    if ((unknown & ZONED) != 0) {
      name = "'zoned' (superblocks and data in sequential zones)";
    } else if ((unknown & EXTENT_TREE_V2) != 0) {
      name = "'extent-tree-v2'";
    } else if ((unknown & RAID_STRIPE_TREE) != 0) {
      name = "'raid-stripe-tree' (data addresses mapped through a stripe tree)";
    } else {
      name = "bits 0x" + Long.toHexString(unknown);
    }
    throw new UnsupportedFeatureException("btrfs: incompatible feature " + name);
  }
}
