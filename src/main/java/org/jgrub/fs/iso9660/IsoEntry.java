package org.jgrub.fs.iso9660;

import org.jgrub.fs.NodeRef;

/** A directory entry: everything is known once the record (and its Rock Ridge) is parsed. */
record IsoEntry(IsoNode node) implements NodeRef {}
