package org.jgrub.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only, random-access run of bytes: a disk image, a partition, a vdev. Reads are
 * positional and safe to issue from several threads.
 */
public interface BlockDevice extends Closeable {
  /** Size in bytes. */
  long size();

  /**
   * Fills {@code dst} completely from {@code offset}. A read that would pass the end of the device
   * is corruption (a structure on disk pointed there), never a short read.
   */
  void read(long offset, ByteBuffer dst) throws IOException;

  /** What this device is, for messages ("partition 2", "disk.img"). */
  String describe();

  /** Reads {@code length} bytes at {@code offset} into a new array. */
  default byte[] read(long offset, int length) throws IOException {
    if (length < 0) {
      throw new CorruptDataException(describe() + ": negative read length " + length);
    }
    byte[] b = new byte[length];
    read(offset, ByteBuffer.wrap(b));
    return b;
  }

  /** Checks that [offset, offset+length) lies inside the device; throws corruption otherwise. */
  default void checkRange(long offset, long length, String what) throws CorruptDataException {
    if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
      throw new CorruptDataException(
          describe() + ": " + what + " at byte 0x" + Long.toHexString(offset) + " (+" + length
              + ") lies outside the device (size " + size() + ")");
    }
  }

  /**
   * Writes the {@code length} bytes at {@code offset} to {@code dst}, after the same range check as
   * {@link #read}: a copy can never reach bytes a read could not. A device whose bytes lie in a
   * plain file ({@link #rawLocation}: raw images, fixed VHDs, flat VMDK extents) lets the kernel
   * copy ({@code FileChannel.transferTo}); slices check their own window before passing the range
   * on, so a run that leaves its volume fails here, naming it; others read and write.
   */
  default void transferTo(long offset, long length, WritableByteChannel dst) throws IOException {
    checkRange(offset, length, "copy");
    RawLocation raw = rawLocation();
    if (raw != null) {
      long at = raw.offset() + offset;
      long left = length;
      while (left > 0) {
        long n = raw.channel().transferTo(at, left, dst);
        if (n <= 0) {
          throw new CorruptDataException(
              describe() + ": the file holding the device ends at byte " + at);
        }
        at += n;
        left -= n;
      }
      return;
    }
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
    long at = offset;
    long left = length;
    while (left > 0) {
      b.clear();
      b.limit((int) Math.min(left, b.capacity()));
      read(at, b);
      b.flip();
      while (b.hasRemaining()) {
        dst.write(b);
      }
      at += b.limit();
      left -= b.limit();
    }
  }

  /**
   * The underlying file and the byte offset of this device's byte 0 within it, when the bytes are
   * stored contiguously in a plain file (raw images, fixed VHDs, flat VMDK extents and slices of
   * them). {@link #transferTo} then hands the copy to the kernel; null otherwise.
   */
  default RawLocation rawLocation() {
    return null;
  }

  @Override
  default void close() throws IOException {}
}
