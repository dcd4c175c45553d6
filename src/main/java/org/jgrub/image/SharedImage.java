package org.jgrub.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.RawLocation;

/**
 * One opened image read by two owners that each close what they are given (jgrub inspect's layer
 * scan and boot pipeline, in the --runas child whose only disk is descriptor 0, which cannot be
 * opened twice): this view's close does nothing; the image itself is closed by whoever made it.
 */
public final class SharedImage implements BlockDevice {
  private final BlockDevice image;

  private SharedImage(BlockDevice image) {
    this.image = image;
  }

  /** A view of {@code image} that leaves it open when closed. */
  public static BlockDevice of(BlockDevice image) {
    return new SharedImage(image instanceof SharedImage s ? s.image : image);
  }

  /** The image behind {@code d} when it is a shared view, else {@code d}. */
  static BlockDevice unwrap(BlockDevice d) {
    return d instanceof SharedImage s ? s.image : d;
  }

  @Override
  public long size() {
    return image.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    image.read(offset, dst);
  }

  @Override
  public String describe() {
    return image.describe();
  }

  @Override
  public void transferTo(long offset, long length, WritableByteChannel dst) throws IOException {
    image.transferTo(offset, length, dst);
  }

  @Override
  public RawLocation rawLocation() {
    return image.rawLocation();
  }

  @Override
  public void close() {
    // The image stays open for its other reader.
  }
}
