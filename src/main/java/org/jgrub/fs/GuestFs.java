package org.jgrub.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.Limits;

/**
 * A read-only filesystem on a guest volume, like GRUB's {@code struct grub_fs}: small, one
 * implementation per filesystem. Path handling lives once in {@link PathWalker}; drivers only list,
 * look up, read links and read file data.
 */
public interface GuestFs extends Closeable {
  /** The filesystem's short name ("ext4", "xfs", "vfat"). */
  String type();

  Optional<String> uuid();

  Optional<String> label();

  Node root() throws IOException;

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
