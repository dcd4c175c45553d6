package org.jgrub.fs.iso9660;

import java.util.List;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;

/**
 * A file, directory or symbolic link of an ISO 9660 volume. Directories carry their extent's byte
 * offset and length; files their extents as runs (more than one for multi-extent files); links
 * their target, or why the target could not be read. A zisofs file's {@code size} is its
 * uncompressed size and {@code zisofs} its parameters (null for plain files). Attributes come from
 * Rock Ridge PX and TF, or are the recording date alone; null for the root directory.
 */
record IsoNode(
    Kind kind,
    long size,
    long dirOffset,
    long dirLength,
    List<Run> runs,
    String linkTarget,
    String linkError,
    String unsupported,
    String path,
    Zisofs.Params zisofs,
    Attributes attributes)
    implements Node {}
