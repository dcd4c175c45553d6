package org.jgrub.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.RawLocation;
import org.jgrub.io.UsageException;

/** A raw disk image file or block device, read with positional reads. */
public final class RawImage implements BlockDevice {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

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
    String kind = kindOf(path);
    if (kind != null) {
      throw new UsageException(path + " is " + kind + ", not a disk image or block device");
    }
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

  /**
   * What {@code path} is when it is neither a regular file nor a block device ("a FIFO", …), or
   * null when it is one of those or does not exist. Asked before opening: opening a FIFO for
   * reading waits for a writer for ever.
   */
  public static String kindOf(Path path) throws IOException {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(path, "unix:mode");
    } catch (NoSuchFileException e) {
      return null;
    }
    switch (mode & S_IFMT) {
      case S_IFREG:
      case S_IFBLK:
        return null;
      case S_IFIFO:
        return "a FIFO (named pipe)";
      case S_IFCHR:
        return "a character device";
      case S_IFDIR:
        return "a directory";
      case S_IFSOCK:
        return "a socket";
      default:
        return "not a regular file (mode 0" + Integer.toOctalString(mode) + ")";
    }
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
