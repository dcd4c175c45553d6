package org.jgrub.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Entry;
import org.jgrub.config.bls.BlsParser;
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

  /** The kernel (first) and ramdisk parts of profile 0 of the image {@code image}. */
  static List<BootFile> parts(BootFile image) throws IOException {
    return parts(read(image, 0));
  }

  /** Profile {@code profile} of the image, read from its headers and text sections. */
  static Read read(BootFile image, int profile) throws IOException {
    return new Read(image, UnifiedImage.read(source(image), image.describe(), profile));
  }

  /** An image and what its profile boots. */
  record Read(BootFile image, UnifiedImage uki) {}

  /**
   * Whether {@code f} is a unified kernel image: a PE file with a {@code .linux} section (a Linux
   * kernel's own EFI stub is a PE file too, with no such section: it boots as a plain kernel).
   */
  static boolean isUnified(BootFile f) throws IOException {
    PeFile.Source src = source(f);
    if (src.size() < 2) {
      return false;
    }
    byte[] mz = src.read(0, 2);
    if (mz[0] != 'M' || mz[1] != 'Z') {
      return false;
    }
    for (PeFile.Section s : PeFile.read(src, f.describe()).sections()) {
      if (s.name().equals(".linux")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The profile an entry boots: the number jgrub's systemd-boot parser writes on a "profile" line
   * of a Type #2 entry after the first profile; 0 otherwise.
   */
  static int profile(Entry e) {
    for (String l : e.lines()) {
      if (l.startsWith(BlsParser.PROFILE_KEY + " ")) {
        String n = l.substring(BlsParser.PROFILE_KEY.length() + 1).trim();
        int v = 0;
        for (int k = 0; k < n.length() && v >= 0; k++) {
          char c = n.charAt(k);
          v = c >= '0' && c <= '9' && v < UnifiedImage.MAX_PROFILES ? v * 10 + (c - '0') : -1;
        }
        if (!n.isEmpty() && v >= 0) {
          return v; // Larger than the image's profiles: UnifiedImage.read says so.
        }
      }
    }
    return 0;
  }

  /** The kernel (first) and ramdisk parts of an image's profile. */
  static List<BootFile> parts(Read read) throws IOException {
    BootFile image = read.image();
    UnifiedImage uki = read.uki();
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
