package org.jgrub.fs.fat;

import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;

/**
 * A FAT file or directory, named for messages. {@code firstCluster} 0 on a directory is the
 * FAT12/16 fixed root region; FAT has no symbolic links. The root has no times (Linux shows the
 * epoch).
 */
record FatNode(
    boolean directory, long firstCluster, long size, String name, Attributes attributes)
    implements Node {
  @Override
  public Kind kind() {
    return directory ? Kind.DIRECTORY : Kind.FILE;
  }
}
