package org.jgrub.fs.fat;

import org.jgrub.fs.Attributes;
import org.jgrub.fs.NodeRef;

/**
 * A live directory entry: its display name (the long name when a valid one precedes it), its 8.3
 * alias, whether it is a directory, its first cluster, its size and its times.
 */
record FatEntry(
    String name, String shortName, boolean directory, long firstCluster, long size,
    Attributes times)
    implements NodeRef {}
