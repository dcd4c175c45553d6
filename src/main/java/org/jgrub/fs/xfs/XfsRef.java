package org.jgrub.fs.xfs;

import org.jgrub.fs.NodeRef;

/** A directory entry's target: an XFS inode number (and the file type the entry claims). */
record XfsRef(long ino) implements NodeRef {}
