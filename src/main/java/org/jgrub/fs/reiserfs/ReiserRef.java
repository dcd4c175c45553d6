package org.jgrub.fs.reiserfs;

import org.jgrub.fs.NodeRef;

/** A directory entry's target: the (directory id, object id) pair that keys its stat data. */
record ReiserRef(long dirId, long objectId) implements NodeRef {}
