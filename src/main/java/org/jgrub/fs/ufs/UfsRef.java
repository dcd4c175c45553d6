package org.jgrub.fs.ufs;

import org.jgrub.fs.NodeRef;

/** A directory entry's target: an inode number. */
record UfsRef(long ino) implements NodeRef {}
