package org.jgrub.fs.iso9660;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Recognises ISO 9660 by "CD001" in the volume descriptor at 32 KiB (ECMA-119 section 8), which
 * is also where an isohybrid image keeps it when the whole disk is probed.
 */
public final class IsoDriver implements FsDriver {
  /** The system area is 16 blocks of 2 KiB (section 6.2.1). */
  private static final long FIRST_DESCRIPTOR = 16L * VolumeDescriptor.SIZE;
  /** More descriptors than any real volume set has before its terminator. */
  private static final int MAX_DESCRIPTORS = 64;
  private static final int BLOCK_SIZE = 2048;

  @Override
  public String name() {
    return "iso9660";
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    if (dev.size() < FIRST_DESCRIPTOR + VolumeDescriptor.SIZE) {
      return Optional.empty();
    }
    VolumeDescriptor pvd = null;
    VolumeDescriptor joliet = null;
    for (int i = 0; i < MAX_DESCRIPTORS; i++) {
      long at = FIRST_DESCRIPTOR + (long) i * VolumeDescriptor.SIZE;
      if (at + VolumeDescriptor.SIZE > dev.size()) {
        break;
      }
      ByteView v = ByteView.read(dev, at, VolumeDescriptor.SIZE, "iso9660 volume descriptor");
      if (!VolumeDescriptor.hasMagic(v)) {
        if (i == 0) {
          return Optional.empty();
        }
        break;
      }
      int type = VolumeDescriptor.type(v);
      if (type == VolumeDescriptor.TYPE_TERMINATOR) {
        break;
      }
      if (type == VolumeDescriptor.TYPE_PRIMARY && pvd == null) {
        pvd = VolumeDescriptor.parse(v);
      } else if (type == VolumeDescriptor.TYPE_SUPPLEMENTARY && joliet == null) {
        VolumeDescriptor svd = VolumeDescriptor.parse(v);
        if (svd.joliet()) {
          joliet = svd;
        }
      }
    }
    if (pvd == null) {
      throw new CorruptDataException(
          "iso9660 on " + dev.describe() + ": volume descriptors without a primary descriptor");
    }
    if (pvd.blockSize() != BLOCK_SIZE) {
      throw new UnsupportedFeatureException("iso9660 on " + dev.describe()
          + ": logical block size " + pvd.blockSize() + " (only 2048 is supported)");
    }
    if (joliet != null && joliet.blockSize() != BLOCK_SIZE) {
      joliet = null;
    }
    return Optional.of(new IsoFs(dev, pvd, joliet, bounds));
  }
}
