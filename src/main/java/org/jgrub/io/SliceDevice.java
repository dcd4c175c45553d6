package org.jgrub.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A window [start, start+length) of another device: a partition or a slice. */
public final class SliceDevice implements BlockDevice {
  private final BlockDevice parent;
  private final long start;
  private final long length;
  private final String name;

  /** Fails with corruption when the window does not lie inside the parent. */
  public SliceDevice(BlockDevice parent, long start, long length, String name)
      throws CorruptDataException {
    parent.checkRange(start, length, name);
    this.parent = parent;
    this.start = start;
    this.length = length;
    this.name = name;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    parent.read(start + offset, dst);
  }

  @Override
  public void transferTo(long offset, long length, WritableByteChannel dst) throws IOException {
    checkRange(offset, length, "copy");
    parent.transferTo(start + offset, length, dst);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public RawLocation rawLocation() {
    RawLocation p = parent.rawLocation();
    return p == null ? null : new RawLocation(p.channel(), p.offset() + start);
  }
}
