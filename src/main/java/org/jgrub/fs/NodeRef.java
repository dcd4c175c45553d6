package org.jgrub.fs;

/** A driver's own handle for a directory entry's target (an inode number, a dirent location). */
public interface NodeRef {}
