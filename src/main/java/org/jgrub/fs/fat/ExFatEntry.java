package org.jgrub.fs.fat;

import org.jgrub.fs.NodeRef;

/**
 * A verified exFAT directory entry set (File, Stream Extension and File Name entries): name,
 * kind, first cluster, sizes and whether the clusters are contiguous without a FAT chain.
 */
record ExFatEntry(
    String name,
    boolean directory,
    long firstCluster,
    long size,
    long validSize,
    boolean noFatChain)
    implements NodeRef {}
