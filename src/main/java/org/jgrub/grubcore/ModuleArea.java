package org.jgrub.grubcore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The module area of a GRUB kernel image (include/grub/kernel.h): {@code struct grub_module_info}
 * (magic "mimg" = GRUB_MODULE_MAGIC, the offset of the first header, the size of the whole area)
 * followed by {@code struct grub_module_header}s (type, size including the header), each padded to
 * the pointer size, as util/mkimage.c writes them and FOR_MODULES walks them.
 */
final class ModuleArea {
  /** GRUB_MODULE_MAGIC, little-endian. */
  static final long MAGIC = 0x676d696dL;
  static final int OBJ_TYPE_CONFIG = 2;
  static final int OBJ_TYPE_PREFIX = 3;
  /** The most module headers walked: an image holds a few dozen modules. */
  static final int MAX_MODULES = 4096;
  /** A prefix or embedded config longer than this is not one grub-install wrote. */
  static final int MAX_TEXT = 64 * 1024;

  private ModuleArea() {}

  /**
   * Finds the module area in a decompressed kernel image and reads its prefix and config. The
   * area follows the kernel, whose size the image does not record: the first place where a
   * "mimg" info whose headers walk exactly to its end is taken (the magic also occurs in the
   * kernel's code, as an operand, where the fields after it are not a valid area).
   *
   * @param pointer 4 for i386-pc, 8 for x86_64-efi
   */
  static Optional<Embedded> find(ByteView img, int pointer, String where)
      throws CorruptDataException {
    int infoSize = pointer == 8 ? 24 : 12;
    for (int at = 0; at + infoSize <= img.length(); at += 4) {
      if (img.u32le(at) != MAGIC) {
        continue;
      }
      long offset = pointer == 8 ? img.u64le(at + 8) : img.u32le(at + 4);
      long size = pointer == 8 ? img.u64le(at + 16) : img.u32le(at + 8);
      if (offset != infoSize || size < infoSize || size > img.length() - at) {
        continue;
      }
      Optional<Embedded> e = walk(img.slice(at, (int) size, img.what() + " module area"), infoSize, pointer, where);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  /**
   * The module area that must start at byte 0 of {@code img} (an EFI image's {@code mods} section,
   * where grub_efi_modules_addr looks); empty when the magic is not there (not GRUB's), a corrupt
   * data error when the magic is there but the area's sizes or headers are not valid.
   */
  static Optional<Embedded> at(ByteView img, int pointer, String where) throws CorruptDataException {
    int infoSize = pointer == 8 ? 24 : 12;
    if (img.length() < infoSize || img.u32le(0) != MAGIC) {
      return Optional.empty();
    }
    long offset = pointer == 8 ? img.u64le(8) : img.u32le(4);
    long size = pointer == 8 ? img.u64le(16) : img.u32le(8);
    if (offset != infoSize || size < infoSize || size > img.length()) {
      throw img.corrupt("module area: header offset " + Long.toUnsignedString(offset) + ", size "
          + Long.toUnsignedString(size) + " (the section holds " + img.length() + " bytes)");
    }
    Optional<Embedded> e = walk(img.slice(0, (int) size, img.what() + " module area"), infoSize, pointer, where);
    if (e.isEmpty()) {
      throw img.corrupt("module area: its module headers do not add up to its size " + size);
    }
    return e;
  }

  /** The prefix and config of a valid area; empty when the headers do not walk to its end. */
  private static Optional<Embedded> walk(ByteView area, int first, int pointer, String where)
      throws CorruptDataException {
    String prefix = null;
    String config = null;
    long pos = first;
    int n = 0;
    while (pos < area.length()) {
      if (++n > MAX_MODULES || area.length() - pos < 8) {
        return Optional.empty();
      }
      int p = (int) pos;
      long type = area.u32le(p);
      long size = area.u32le(p + 4);
      if (size < 8 || size > area.length() - pos) {
        return Optional.empty();
      }
      if (type == OBJ_TYPE_PREFIX || type == OBJ_TYPE_CONFIG) {
        String s = text(area, p + 8, (int) size - 8);
        if (type == OBJ_TYPE_PREFIX) {
          prefix = s;
        } else {
          config = s;
        }
      }
      pos += (size + pointer - 1) / pointer * pointer;
    }
    if (pos != area.length()) {
      return Optional.empty();
    }
    return Optional.of(new Embedded(where, Optional.ofNullable(prefix), Optional.ofNullable(config)));
  }

  /** A NUL-terminated string (mkimage pads it with NULs to the pointer size). */
  private static String text(ByteView area, int off, int len) throws CorruptDataException {
    if (len > MAX_TEXT) {
      throw area.corrupt("embedded text of " + len + " bytes (at most " + MAX_TEXT + ")");
    }
    return area.cstring(off, len, StandardCharsets.ISO_8859_1);
  }
}
