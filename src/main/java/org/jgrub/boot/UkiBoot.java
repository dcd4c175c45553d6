package org.jgrub.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.uki.UnifiedImage;
import org.jgrub.io.CorruptDataException;
import org.jgrub.pe.PeFile;

/**
 * Boots a unified kernel image as systemd-stub would: the kernel is the image's {@code .linux}
 * section, the ramdisk its {@code .ucode} and {@code .initrd} sections in that order. The
 * sections are slices of the image file, copied by {@link Extractor} like any file.
 */
final class UkiBoot {
  private UkiBoot() {}

  /** The kernel (first) and ramdisk parts of the image {@code image}. */
  static List<BootFile> parts(BootFile image) throws IOException {
    UnifiedImage uki = UnifiedImage.read(source(image), image.describe());
    List<BootFile> out = new ArrayList<>();
    out.add(slice(image, uki.kernel()));
    for (UnifiedImage.Range r : uki.initrds()) {
      out.add(slice(image, r));
    }
    return out;
  }

  private static BootFile slice(BootFile image, UnifiedImage.Range r) throws CorruptDataException {
    return image.slice(r.section(), r.offset(), r.length());
  }

  /** The image's bytes through its filesystem: only headers and small text sections are read. */
  private static PeFile.Source source(BootFile f) {
    return new PeFile.Source() {
      @Override
      public long size() {
        return f.size();
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
          int n = f.fs().read(f.node(), f.offset() + offset + b.position(), b);
          if (n <= 0) {
            throw new CorruptDataException(f.describe() + ": read stopped at byte "
                + (offset + b.position()));
          }
        }
        return b.array();
      }
    };
  }
}
