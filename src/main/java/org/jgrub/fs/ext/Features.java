package org.jgrub.fs.ext;

import org.jgrub.io.UnsupportedFeatureException;

/**
 * The ext feature bits jgrub knows, each marked supported, ignored (with the reason a read-only
 * reader may ignore it) or refused; the mount-time check; and blkid's ext2/ext3/ext4 naming.
 */
final class Features {
  private Features() {}

  // s_feature_compat (ext4 on-disk format, "Super Block"). A compat bit by definition never
  // stops a reader, so these are listed only to be documented.
  static final int COMPAT_HAS_JOURNAL = 0x4;
  static final int COMPAT_DIR_INDEX = 0x20;
  static final int COMPAT_SPARSE_SUPER2 = 0x200;

  // s_feature_incompat: an unknown bit here must stop the reader.
  static final int INCOMPAT_COMPRESSION = 0x1;
  static final int INCOMPAT_FILETYPE = 0x2;
  static final int INCOMPAT_RECOVER = 0x4;
  static final int INCOMPAT_JOURNAL_DEV = 0x8;
  static final int INCOMPAT_META_BG = 0x10;
  static final int INCOMPAT_EXTENTS = 0x40;
  static final int INCOMPAT_64BIT = 0x80;
  static final int INCOMPAT_MMP = 0x100;
  static final int INCOMPAT_FLEX_BG = 0x200;
  static final int INCOMPAT_EA_INODE = 0x400;
  static final int INCOMPAT_DIRDATA = 0x1000;
  static final int INCOMPAT_CSUM_SEED = 0x2000;
  static final int INCOMPAT_LARGEDIR = 0x4000;
  static final int INCOMPAT_INLINE_DATA = 0x8000;
  static final int INCOMPAT_ENCRYPT = 0x10000;
  static final int INCOMPAT_CASEFOLD = 0x20000;

  // s_feature_ro_compat: by definition a reader may ignore these (the kernel mounts read-only
  // with unknown ro_compat bits), so none is refused.
  static final int RO_COMPAT_SPARSE_SUPER = 0x1;
  static final int RO_COMPAT_BIGALLOC = 0x200;
  static final int RO_COMPAT_METADATA_CSUM = 0x400;

  /** What jgrub does with one feature bit. */
  enum Status {
    SUPPORTED,
    IGNORED,
    REFUSED
  }

  /** One feature: which word, which bit, its e2fsprogs name, what jgrub does and why. */
  record Feature(String word, int bit, String name, Status status, String reason) {}

  /** Every incompat and ro_compat bit jgrub knows, with the reason for its status. */
  static final Feature[] TABLE = {
    new Feature("incompat", INCOMPAT_COMPRESSION, "compression", Status.REFUSED,
        "e2compr compressed files: never merged into Linux, no reader left"),
    new Feature("incompat", INCOMPAT_FILETYPE, "filetype", Status.SUPPORTED,
        "file type byte in directory entries (name length read as one byte)"),
    new Feature("incompat", INCOMPAT_RECOVER, "needs_recovery", Status.IGNORED,
        "the journal is not replayed: jgrub reads the last checkpointed state"),
    new Feature("incompat", INCOMPAT_JOURNAL_DEV, "journal_dev", Status.REFUSED,
        "an external journal device holds no files"),
    new Feature("incompat", INCOMPAT_META_BG, "meta_bg", Status.SUPPORTED,
        "group descriptors spread over meta groups"),
    new Feature("incompat", INCOMPAT_EXTENTS, "extent", Status.SUPPORTED, "extent trees"),
    new Feature("incompat", INCOMPAT_64BIT, "64bit", Status.SUPPORTED,
        "64-bit block numbers and large group descriptors"),
    new Feature("incompat", INCOMPAT_MMP, "mmp", Status.IGNORED,
        "multi-mount protection only guards writers"),
    new Feature("incompat", INCOMPAT_FLEX_BG, "flex_bg", Status.SUPPORTED,
        "metadata placed anywhere; descriptors give absolute block numbers"),
    new Feature("incompat", INCOMPAT_EA_INODE, "ea_inode", Status.IGNORED,
        "large xattr values in inodes: jgrub reads only system.data, always in the inode body"),
    new Feature("incompat", INCOMPAT_DIRDATA, "dirdata", Status.REFUSED,
        "Lustre data in directory entries: no tool here makes it, so it cannot be tested"),
    new Feature("incompat", INCOMPAT_CSUM_SEED, "metadata_csum_seed", Status.SUPPORTED,
        "checksum seed in the superblock (checksums are not needed to read)"),
    new Feature("incompat", INCOMPAT_LARGEDIR, "large_dir", Status.SUPPORTED,
        "directories over 2 GiB and 3-level hash trees (directories are scanned linearly)"),
    new Feature("incompat", INCOMPAT_INLINE_DATA, "inline_data", Status.SUPPORTED,
        "small files and directories inside the inode"),
    new Feature("incompat", INCOMPAT_ENCRYPT, "encrypt", Status.IGNORED,
        "only encrypted inodes need a key: reading one is refused, the rest reads normally"),
    new Feature("incompat", INCOMPAT_CASEFOLD, "casefold", Status.SUPPORTED,
        "case-insensitive lookup in directories with the casefold flag"),
    new Feature("ro_compat", RO_COMPAT_SPARSE_SUPER, "sparse_super", Status.SUPPORTED,
        "backup superblocks in groups 0, 1 and powers of 3, 5, 7"),
    new Feature("ro_compat", 0x2, "large_file", Status.SUPPORTED, "64-bit file sizes"),
    new Feature("ro_compat", 0x4, "btree_dir", Status.IGNORED, "never implemented"),
    new Feature("ro_compat", 0x8, "huge_file", Status.IGNORED,
        "changes only the unit of i_blocks, which reading does not use"),
    new Feature("ro_compat", 0x10, "uninit_bg", Status.IGNORED,
        "group descriptor checksums and lazily initialised bitmaps: only writers care"),
    new Feature("ro_compat", 0x20, "dir_nlink", Status.IGNORED, "link counts over 65000"),
    new Feature("ro_compat", 0x40, "extra_isize", Status.SUPPORTED,
        "large inodes with in-inode xattrs (read for inline data)"),
    new Feature("ro_compat", 0x100, "quota", Status.IGNORED, "quota accounting"),
    new Feature("ro_compat", RO_COMPAT_BIGALLOC, "bigalloc", Status.SUPPORTED,
        "clusters are the allocation unit; extents still count blocks"),
    new Feature("ro_compat", RO_COMPAT_METADATA_CSUM, "metadata_csum", Status.SUPPORTED,
        "the superblock checksum is verified; other checksums are not needed to read"),
    new Feature("ro_compat", 0x1000, "read-only", Status.IGNORED, "jgrub never writes"),
    new Feature("ro_compat", 0x2000, "project", Status.IGNORED, "project quotas"),
    new Feature("ro_compat", 0x4000, "shared_blocks", Status.IGNORED,
        "deduplicated blocks read like any other"),
    new Feature("ro_compat", 0x8000, "verity", Status.IGNORED,
        "the Merkle tree lies past end of file; the data reads normally"),
    new Feature("ro_compat", 0x10000, "orphan_present", Status.IGNORED,
        "orphan inodes are not reachable from directories"),
  };

  /**
   * Refuses incompat bits that are unknown or refused. Ro_compat bits never stop a reader
   * (Documentation/filesystems/ext4: "the filesystem can still be mounted read-only").
   */
  static void check(String prefix, int incompat) throws UnsupportedFeatureException {
    int known = 0;
    for (Feature f : TABLE) {
      if (!f.word().equals("incompat")) {
        continue;
      }
      known |= f.bit();
      if ((incompat & f.bit()) != 0 && f.status() == Status.REFUSED) {
        throw new UnsupportedFeatureException(
            prefix + ": incompat feature '" + f.name() + "' is not supported (" + f.reason()
                + ")");
      }
    }
    int unknown = incompat & ~known;
    if (unknown != 0) {
      throw new UnsupportedFeatureException(
          prefix + ": unknown incompat feature bits 0x" + Integer.toHexString(unknown)
              + ": the filesystem may store data in a way jgrub cannot read");
    }
  }

  // libblkid's "supported" sets for ext2 and ext3 (superblocks/ext.c): a filesystem using any
  // feature outside them is ext4.
  private static final int EXT3_RO_COMPAT_SUPP = 0x1 | 0x2 | 0x4;
  private static final int EXT3_INCOMPAT_SUPP =
      INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG;

  /** "ext4" if any ext4-only feature is on, else "ext3" with a journal, else "ext2" (as blkid). */
  static String blkidType(int compat, int incompat, int roCompat) {
    if ((roCompat & ~EXT3_RO_COMPAT_SUPP) != 0 || (incompat & ~EXT3_INCOMPAT_SUPP) != 0) {
      return "ext4";
    }
    return (compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
  }

  /** The compat bits by e2fsprogs name (lib/e2p/feature.c): none of them matters to a reader. */
  private static final String[] COMPAT_NAMES = {
    "dir_prealloc", "imagic_inodes", "has_journal", "ext_attr", "resize_inode", "dir_index",
    "lazy_bg", null, "snapshot_bitmap", "sparse_super2", "fast_commit", "stable_inodes",
    "orphan_file"
  };

  /**
   * Every feature bit that is set, by the name dumpe2fs prints in "Filesystem features" and in
   * its order (compat, then incompat, then ro_compat, each by bit); an unknown bit as
   * FEATURE_C12, FEATURE_I20 or FEATURE_R20, as e2p_feature2string writes it.
   */
  static java.util.List<String> names(int compat, int incompat, int roCompat) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int[] words = {compat, incompat, roCompat};
    String[] wordNames = {"compat", "incompat", "ro_compat"};
    String[] letters = {"C", "I", "R"};
    for (int w = 0; w < 3; w++) {
      for (int bit = 0; bit < 32; bit++) {
        int mask = 1 << bit;
        if ((words[w] & mask) == 0) {
          continue;
        }
        String name = w == 0 && bit < COMPAT_NAMES.length ? COMPAT_NAMES[bit] : null;
        for (Feature f : TABLE) {
          if (name == null && f.word().equals(wordNames[w]) && f.bit() == mask) {
            name = f.name();
          }
        }
        out.add(name != null ? name : "FEATURE_" + letters[w] + bit);
      }
    }
    return out;
  }
}
