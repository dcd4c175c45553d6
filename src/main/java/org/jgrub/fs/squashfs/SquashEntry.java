package org.jgrub.fs.squashfs;

import org.jgrub.fs.NodeRef;

/** A directory entry's target: its inode reference (metadata block << 16 | offset). */
record SquashEntry(long ref) implements NodeRef {}
