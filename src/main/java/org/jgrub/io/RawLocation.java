package org.jgrub.io;

import java.nio.channels.FileChannel;

/** Where a device's bytes lie in a plain file: used to copy with {@code transferTo}. */
public record RawLocation(FileChannel channel, long offset) {}
