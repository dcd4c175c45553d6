package org.jgrub.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.Bounds;
import org.jgrub.io.Limits;

/**
 * A read-only filesystem on a guest volume, like GRUB's {@code struct grub_fs}: small, one
 * implementation per filesystem. Path handling lives once in {@link PathWalker}; drivers only list,
 * look up, read links and read file data.
 */
public interface GuestFs extends Closeable {
  /** A filesystem and a path inside it: where a GRUB path leads (see {@link #locate}). */
  record Located(GuestFs fs, String path) {}

  /** Another view of the same volume, and how messages name it ("subvolume @rootfs (256)"). */
  record View(String name, GuestFs fs) {}

  /** The filesystem's short name ("ext4", "xfs", "vfat"). */
  String type();

  Optional<String> uuid();

  Optional<String> label();

  Node root() throws IOException;

  /** The bounds this filesystem was opened with: the walker and every read keep to them. */
  Bounds bounds();

  /** The entries of {@code dir} without "." and "..", at most {@link Limits#dirEntries}. */
  List<DirEntry> list(Node dir) throws IOException;

  Node open(DirEntry entry) throws IOException;

  /**
   * The entry called {@code name} in {@code dir}. The default scans {@link #list}; drivers with an
   * index (hashed directories, B+trees) override it.
   */
  default Optional<DirEntry> lookup(Node dir, String name) throws IOException {
    boolean fold = caseInsensitive(dir);
    for (DirEntry e : list(dir)) {
      if (fold ? e.name().equalsIgnoreCase(name) : e.name().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Whether names in {@code dir} compare case-insensitively (FAT, ISO 9660, ext4 casefold). */
  default boolean caseInsensitive(Node dir) {
    return false;
  }

  /** The target of a symbolic link. */
  String readLink(Node link) throws IOException;

  /**
   * Reads from {@code file} at {@code pos} into {@code dst}; returns the number of bytes read, or
   * -1 at end of file. Holes read as zeros.
   */
  int read(Node file, long pos, ByteBuffer dst) throws IOException;

  /**
   * Where the file's bytes lie, as runs of the underlying device, when the driver can say so
   * cheaply (uncompressed, block-mapped files). The copy then hands runs to the kernel. Null when
   * not known; callers fall back to {@link #read}.
   */
  default List<Run> layout(Node file) throws IOException {
    return null;
  }

  /*
   * Boot capabilities: what a filesystem with subvolumes or datasets adds to the boot pipeline,
   * so that the pipeline itself stays one for every filesystem. The defaults are those of a
   * filesystem with one tree.
   */

  /**
   * Views of this volume where a bootloader's configuration may live when this view has none:
   * btrfs seen from its top level offers the default subvolume, then each top-level subvolume
   * (Debian's {@code @rootfs}, Ubuntu's {@code @}), at most {@code max}. Empty by default.
   */
  default List<View> bootViews(int max) throws IOException {
    return List.of();
  }

  /**
   * The view from which paths missing in this one may be written (a btrfs subvolume's top level:
   * grub-mkconfig writes {@code /@rootfs/boot/vmlinuz}), or null.
   */
  default GuestFs topLevel() throws IOException {
    return null;
  }

  /**
   * Where a GRUB path leads from this filesystem: ZFS reads {@code /ROOT/debian@/boot/vmlinuz} as
   * the dataset {@code ROOT/debian} and a path inside it. By default this filesystem and the path.
   */
  default Located locate(String grubPath) throws IOException {
    return new Located(this, grubPath);
  }

  /**
   * This volume opened at the dataset {@code fullName} names (pygrub's {@code zfs-bootfs=}); a
   * filesystem without datasets is itself.
   */
  default GuestFs dataset(String fullName) throws IOException {
    return this;
  }

  /**
   * What a kernel of the guest's own OS booted from this filesystem must be told about it in its
   * arguments (ZFS: the illumos {@code zfs-bootfs=} boot string); empty by default.
   */
  default Optional<String> bootString() {
    return Optional.empty();
  }

  /** Size and free space as the superblock says, or null when the driver does not read them. */
  default FsSpace space() throws IOException {
    return null;
  }

  /** The on-disk feature flags that are set, by their mkfs names; empty when not reported. */
  default List<String> features() throws IOException {
    return List.of();
  }

  @Override
  default void close() throws IOException {}
}
