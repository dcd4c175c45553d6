package org.jgrub.fs.btrfs;

import org.jgrub.fs.NodeRef;

/**
 * A directory entry's location: an inode of tree {@code tree}, or (when {@code subvolume}) the
 * root directory of subvolume {@code objectId}.
 */
record BtrfsRef(long tree, long objectId, boolean subvolume) implements NodeRef {}
