package org.jgrub.api;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.JgrubException;
import org.jgrub.volume.PartitionInfo;

/**
 * One volume of a {@link Disk}: a partition (with what the partition table says about it) or the
 * whole disk, and the filesystem on it, probed when first asked for.
 */
public final class Volume {
  static final Comparator<Volume> DISK_ORDER =
      new Comparator<>() {
        @Override
        public int compare(Volume a, Volume b) {
          return Long.compare(a.offset(), b.offset());
        }
      };

  private final Disk disk;
  private final org.jgrub.volume.Volume volume;
  private boolean probed;
  private GuestFileSystem fileSystem;
  private JgrubException probeError;

  Volume(Disk disk, org.jgrub.volume.Volume volume) {
    this.disk = disk;
    this.volume = volume;
  }

  public Disk disk() {
    return disk;
  }

  /** GRUB's name, without parentheses: "hd0" (the whole disk), "hd0,msdos1", "hd0,gpt2". */
  public String name() {
    return volume.grubName();
  }

  /**
   * GRUB's other names for it, without parentheses: an LVM LV's "lvmid/VGUUID/LVUUID", an MD
   * array's "mduuid/HEX"; empty for most volumes.
   */
  public List<String> aliases() {
    return volume.aliases();
  }

  /** How messages name it: "partition 1", "whole disk", "partition 2 (Linux filesystem)". */
  public String description() {
    return volume.description();
  }

  /** The partition number (1 for hd0,msdos1 and hd0,gpt1), or 0 for the whole disk. */
  public int number() {
    return volume.partition().isPresent() ? volume.partition().get().number() : 0;
  }

  /** Byte offset of the volume on the disk. */
  public long offset() {
    return volume.partition().isPresent() ? volume.partition().get().offset() : 0;
  }

  /** Size in bytes. */
  public long size() {
    return volume.device().size();
  }

  /** The partition table's view of it; empty for a whole disk. */
  public Optional<PartitionInfo> partition() {
    return volume.partition();
  }

  /**
   * The filesystem on this volume, or empty when no driver recognises one. Throws when a driver
   * recognises its filesystem but finds it damaged or using a feature jgrub refuses; the same
   * error is thrown again on every later call.
   */
  public synchronized Optional<GuestFileSystem> fileSystem() throws IOException {
    if (!probed) {
      probed = true;
      try {
        Optional<GuestFs> fs = FsProbe.probe(volume.device(), disk.bounds());
        if (fs.isPresent()) {
          fileSystem = new GuestFileSystem(GuestFileSystemProvider.INSTANCE, this, fs.get());
          GuestFileSystemProvider.INSTANCE.remember(fileSystem);
        }
      } catch (JgrubException e) {
        probeError = e;
      }
    }
    if (probeError != null) {
      throw probeError;
    }
    return Optional.ofNullable(fileSystem);
  }

  synchronized void close() throws IOException {
    if (fileSystem != null) {
      fileSystem.closeDriver();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
