package org.jgrub.image;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.jgrub.image.qcow2.Qcow2Image;
import org.jgrub.image.vhd.VhdImage;
import org.jgrub.image.vmdk.VmdkImage;
import org.jgrub.io.Limits;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Opens the disk given on the command line as the virtual disk it holds: qcow2, VHD, VMDK or raw,
 * told apart by content, never by file name.
 *
 * <p>The detectors run strongest signature first. qcow2's and the VMDK sparse extent's magics
 * open their files and are what qemu probes first. A dynamic VHD repeats its footer at byte 0,
 * so it is found there too. A VMDK descriptor is text and only believed in a small file. A fixed
 * VHD is raw data with a 512-byte footer: found last, with one more read of the final sector. A
 * file that matches none is a raw disk, as pygrub reads it.
 */
public final class Images {
  private Images() {}

  /** qemu's names for the formats (as a qcow2 backing format extension records them). */
  public static final String RAW = "raw";
  public static final String QCOW2 = "qcow2";
  public static final String VHD = "vpc";
  public static final String VMDK = "vmdk";

  static final int HEAD = 512;

  /**
   * Opens {@code disk}, detecting its format. Files it names (backing files, parents, extents)
   * are opened only under {@code backingDir}. Every image structure is bounded by {@code limits}.
   */
  public static BlockDevice open(Path disk, Optional<Path> backingDir, Limits limits)
      throws IOException {
    Backing b =
        backingDir.isPresent()
            ? Backing.under(backingDir.get(), limits)
            : Backing.none(Backing.NO_DIR, limits);
    Path real = null;
    try {
      real = disk.toRealPath();
    } catch (IOException e) {
      // RawImage.open below reports the missing or unreadable file.
    }
    return open(disk, disk, b.below(real), null);
  }

  /**
   * The disk handed over as an open descriptor (the --runas child): detected alike, but it may
   * name no other file, for the sandboxed parser has no path to open it by.
   */
  public static BlockDevice of(FileChannel ch, String name, Limits limits) throws IOException {
    return detect(RawImage.of(ch, name), null, Backing.none(Backing.NO_FILES, limits), null);
  }

  /**
   * Opens the file at {@code file}, named {@code given} in messages and as the base of its own
   * relative names, as {@code format} (null: detected).
   */
  public static BlockDevice open(Path file, Path given, Backing b, String format) throws IOException {
    RawImage raw = RawImage.open(file, given.toString());
    return detect(raw, given, b, format);
  }

  /** Detects the format of {@code raw} and returns the device over it (owning {@code raw}). */
  static BlockDevice detect(RawImage raw, Path given, Backing b, String format) throws IOException {
    try {
      if (RAW.equals(format)) {
        return raw;
      }
      BlockDevice d = choose(raw, given, b);
      String got = formatOf(d);
      if (format != null && !format.equals(got)) {
        if (d != raw) {
          d.close();
        }
        throw new UnsupportedFeatureException(raw.describe() + ": recorded as a " + format
            + " image, but its content is " + got);
      }
      return d;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** qemu's name for the format of a device {@link #open} returned. */
  public static String formatOf(BlockDevice device) {
    BlockDevice d = SharedImage.unwrap(device);
    return d instanceof Qcow2Image ? QCOW2
        : d instanceof VhdImage ? VHD
        : d instanceof VmdkImage ? VMDK
        : RAW;
  }

  private static BlockDevice choose(RawImage raw, Path given, Backing b) throws IOException {
    long size = raw.size();
    byte[] head = raw.read(0, (int) Math.min(HEAD, size));
    if (Qcow2Image.matches(head)) {
      return Qcow2Image.open(raw, given, b);
    }
    if (VmdkImage.matchesSparse(head)) {
      return VmdkImage.openSparse(raw, given, b);
    }
    if (VhdImage.matchesHeader(head)) {
      return VhdImage.open(raw, given, b, true);
    }
    if (VmdkImage.matchesDescriptor(head, size, b.limits())) {
      return VmdkImage.openDescriptor(raw, given, b);
    }
    if (size >= 2L * HEAD && VhdImage.matchesFooter(raw.read(size - HEAD, HEAD))) {
      return VhdImage.open(raw, given, b, false);
    }
    return raw;
  }

  /** True when {@code b} starts with the ASCII text {@code magic}. */
  public static boolean startsWith(byte[] b, int off, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length < off + m.length) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if (b[off + i] != m[i]) {
        return false;
      }
    }
    return true;
  }

  /** The directory relative names in the image {@code given} are resolved against. */
  public static Path baseOf(Path given) {
    return given == null ? null : given.toAbsolutePath().getParent();
  }
}
