package org.jgrub.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.RawLocation;

/** A raw disk image file or block device, read with positional reads. */
public final class RawImage implements BlockDevice {
  private final FileChannel ch;
  private final long size;
  private final String name;

  private RawImage(FileChannel ch, long size, String name) {
    this.ch = ch;
    this.size = size;
    this.name = name;
  }

  /** Opens {@code path} read-only. Block devices report their size through seeking to the end. */
  public static RawImage open(Path path) throws IOException {
    return open(path, path.toString());
  }

  /** Opens {@code path} read-only, named {@code name} in messages. */
  public static RawImage open(Path path, String name) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    long size = ch.size();
    if (size == 0) {
      // Block devices report 0 through fstat; their size is where a seek to the end lands.
      try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(path.toFile(), "r")) {
        size = raf.length();
      }
    }
    return new RawImage(ch, size, name);
  }

  /** Wraps an already-open channel (a descriptor handed over by a privileged parent). */
  public static RawImage of(FileChannel ch, String name) throws IOException {
    return new RawImage(ch, ch.size(), name);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    long at = offset;
    while (dst.hasRemaining()) {
      int n = ch.read(dst, at);
      if (n < 0) {
        throw new CorruptDataException(name + ": unexpected end of image at byte " + at);
      }
      at += n;
    }
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public RawLocation rawLocation() {
    return new RawLocation(ch, 0);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
