package org.jgrub.fs.fat;

/** Where a FAT-family volume keeps its first FAT and its clusters; FAT12/16/32 and exFAT alike. */
interface Geometry {
  /** Entry width and end marks of the FAT. */
  FatTable.Width width();

  long fatOffset();

  long fatBytes();

  long clusterBytes();

  /** Byte offset of cluster 2, the first data cluster. */
  long dataOffset();

  long clusterCount();

  /** The largest valid cluster number. */
  default long maxCluster() {
    return clusterCount() + 1;
  }

  /** The filesystem's name in messages ("vfat", "exfat"). */
  String fsName();
}
