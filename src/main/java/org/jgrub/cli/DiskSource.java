package org.jgrub.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jgrub.api.Disk;
import org.jgrub.image.Images;
import org.jgrub.image.SharedImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;

/**
 * Where an operator command reads the disk DISK: the path itself (in-process), or the image the
 * --runas child read from descriptor 0 ({@link ToolChild}), which has no path to open. Each
 * opening is a device its user closes; the shared image survives those closes.
 */
final class DiskSource {
  private final Path path;
  private final BlockDevice shared;

  private DiskSource(Path path, BlockDevice shared) {
    this.path = path;
    this.shared = shared;
  }

  static DiskSource path(Path path) {
    return new DiskSource(path, null);
  }

  /** {@code image}, opened by the caller (who closes it), named {@code path} in messages. */
  static DiskSource shared(BlockDevice image, Path path) {
    return new DiskSource(path, image);
  }

  Path path() {
    return path;
  }

  /** The image, opened anew or as a view of the shared one. */
  BlockDevice device() throws IOException {
    return shared != null
        ? SharedImage.of(shared)
        : Images.open(path, Optional.empty(), Bounds.DEFAULT.limits());
  }

  /** The disk's layers through {@code org.jgrub.api}, as {@link Disk#open(Path)} reads them. */
  Disk disk() throws IOException {
    return Disk.of(device(), path, Bounds.DEFAULT);
  }
}
