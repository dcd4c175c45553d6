package org.jgrub.fs.ext;

import org.jgrub.fs.NodeRef;

/** A directory entry's target: an inode number. */
record ExtRef(long ino) implements NodeRef {}
