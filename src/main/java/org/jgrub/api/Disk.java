package org.jgrub.api;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.image.Images;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;
import org.jgrub.io.BudgetedDevice;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;

/**
 * A guest disk image opened read-only: its image format, its partition table and its volumes.
 * Closing it closes every {@link GuestFileSystem} opened from it.
 */
public final class Disk implements Closeable {
  private final Path path;
  private final BlockDevice image;
  private final String format;
  private final VolumeScan scan;
  private final Bounds bounds;
  private final List<Volume> volumes = new ArrayList<>();

  private Disk(Path path, BlockDevice image, String format, VolumeScan scan, Bounds bounds) {
    this.path = path;
    this.bounds = bounds;
    this.image = image;
    this.format = format;
    this.scan = scan;
    for (org.jgrub.volume.Volume v : scan.volumes()) {
      volumes.add(new Volume(this, v));
    }
    // Shown in disk order (the scan's order is boot order: the active partition first).
    volumes.sort(Volume.DISK_ORDER);
  }

  /**
   * Opens the image at {@code path} (a raw image file or a block device) and reads its layout,
   * within the shipped {@link Limits} and without a work budget.
   */
  public static Disk open(Path path) throws IOException {
    return open(path, Bounds.DEFAULT);
  }

  /**
   * Opens the image at {@code path} and reads its layout; every structure read through this disk
   * and its filesystems keeps to {@code bounds} (a caller serving untrusted guests passes a
   * {@link org.jgrub.io.Budget} with a deadline).
   */
  public static Disk open(Path path, Bounds bounds) throws IOException {
    // The one place an image format is chosen, by content; backing files are never opened here.
    return of(Images.open(path, java.util.Optional.empty(), bounds.limits()), path, bounds);
  }

  /**
   * The disk image already opened as {@code opened} (a descriptor handed over by a privileged
   * process, read through {@link Images#of}), named {@code path} in messages; reads its layout
   * within {@code bounds}. The disk owns {@code opened}: closing it, or failing here, closes it.
   */
  public static Disk of(BlockDevice opened, Path path, Bounds bounds) throws IOException {
    String format = Images.formatOf(opened);
    BlockDevice image = new BudgetedDevice(opened, bounds.budget());
    try {
      return new Disk(path, image, format, VolumeScanner.scan(image, bounds), bounds);
    } catch (IOException | RuntimeException e) {
      image.close();
      throw e;
    }
  }

  /** The bounds this disk was opened with. */
  public Bounds bounds() {
    return bounds;
  }

  public Path path() {
    return path;
  }

  /** The image format, as qemu names it: "raw", "qcow2", "vpc" (VHD), "vmdk". */
  public String format() {
    return format;
  }

  /** The image's virtual size in bytes. */
  public long size() {
    return image.size();
  }

  /** "msdos", "gpt", "hybrid-iso", or "none" (a filesystem on the whole disk). */
  public String partitionTable() {
    return scan.scheme();
  }

  /** What was noticed while reading the table (a damaged GPT header, a looping EBR chain). */
  public List<String> notes() {
    return scan.notes();
  }

  /** The volumes, in disk order. */
  public List<Volume> volumes() {
    return List.copyOf(volumes);
  }

  /**
   * The volume GRUB calls {@code name} ("hd0", "hd0,msdos1", "hd0,gpt2", "hd0,msdos1,sunpc1"), or
   * by one of its aliases ("lvmid/VGUUID/LVUUID", "mduuid/HEX").
   */
  public Volume volume(String name) throws NotFoundException {
    for (Volume v : volumes) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    for (Volume v : volumes) {
      if (v.aliases().contains(name)) {
        return v;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Volume v : volumes) {
      known.append(known.length() == 0 ? "" : ", ").append(v.name());
    }
    throw new NotFoundException(path + " has no volume " + name + " (it has " + known + ")");
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Volume v : volumes) {
      try {
        v.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    image.close();
    if (first != null) {
      throw first;
    }
  }
}
