package org.jgrub.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.jgrub.fs.Node;
import org.jgrub.io.CorruptDataException;

/** A read-only channel over one guest file, reading through its filesystem driver. */
final class GuestChannel implements SeekableByteChannel {
  private final GuestFileSystem fs;
  private final Node file;
  private final String name;
  private long position;
  private boolean open = true;

  GuestChannel(GuestFileSystem fs, Node file, String name) {
    this.fs = fs;
    this.file = file;
    this.name = name;
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    checkOpen();
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (position >= file.size()) {
      return -1;
    }
    int n = fs.read(file, position, dst);
    if (n == 0) {
      // A reader that returns nothing before the end would make InputStream callers stop early
      // and report a short file as complete.
      throw new CorruptDataException(name + ": no bytes read at offset " + position
          + " of " + file.size());
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized long position() throws IOException {
    checkOpen();
    return position;
  }

  @Override
  public synchronized SeekableByteChannel position(long newPosition) throws IOException {
    checkOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    checkOpen();
    return file.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void close() {
    open = false;
  }

  private void checkOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
