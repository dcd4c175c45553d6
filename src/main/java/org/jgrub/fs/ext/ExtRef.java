package org.jgrub.fs.ext;

import org.jgrub.fs.NodeRef;

/** A directory entry's target inode, and where the entry lies on the disk (-1 if unknown). */
record ExtRef(long ino, long entryAt) implements NodeRef {}
