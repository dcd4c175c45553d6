package org.jgrub.fs.reiserfs;

import org.jgrub.fs.NodeRef;

/**
 * A directory entry's target: the (directory id, object id) pair that keys its stat data, and
 * the entry's own key offset (name hash and generation number) in its directory.
 */
record ReiserRef(long dirId, long objectId, long entryOffset) implements NodeRef {}
