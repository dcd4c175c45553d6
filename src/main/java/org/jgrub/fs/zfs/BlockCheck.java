package org.jgrub.fs.zfs;

import java.io.IOException;

/** Decides whether bytes read for a block are the block (its checksum matches). */
interface BlockCheck {
  boolean ok(byte[] data) throws IOException;
}
