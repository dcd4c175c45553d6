package org.jgrub.api;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.FsSpace;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.NotFoundException;

/**
 * A guest filesystem as a read-only {@link FileSystem}. Every call into the driver holds this
 * object's lock: drivers reuse buffers and are not written for concurrent use.
 */
public final class GuestFileSystem extends FileSystem {
  private final GuestFileSystemProvider provider;
  private final Volume volume;
  private final GuestFs fs;
  private final GuestPath root;
  private volatile boolean open = true;
  /** The disk to close with this filesystem, when the provider opened it from a URI. */
  private Disk owned;

  GuestFileSystem(GuestFileSystemProvider provider, Volume volume, GuestFs fs) {
    this.provider = provider;
    this.volume = volume;
    this.fs = fs;
    this.root = new GuestPath(this, "/");
  }

  /** The filesystem type as jgrub names it: "ext4", "xfs", "btrfs", "vfat", "iso9660", "zfs". */
  public String type() {
    return fs.type();
  }

  public Optional<String> label() {
    return fs.label();
  }

  public Optional<String> uuid() {
    return fs.uuid();
  }

  /** The volume this filesystem lies on. */
  public Volume volume() {
    return volume;
  }

  @Override
  public GuestFileSystemProvider provider() {
    return provider;
  }

  /** Closes this view; its disk stays open unless the provider opened the disk for it. */
  @Override
  public void close() throws IOException {
    open = false;
    provider.forget(this);
    if (owned != null) {
      owned.close();
    }
  }

  void closeDriver() throws IOException {
    open = false;
    provider.forget(this);
    synchronized (this) {
      fs.close();
    }
  }

  void own(Disk disk) {
    this.owned = disk;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return List.of(root);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return List.of(new GuestFileStore(this));
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return posix() ? Set.of("basic", "posix", "unix") : Set.of("basic");
  }

  /**
   * Size, used and free bytes as the filesystem's superblock records them (ext, XFS, btrfs);
   * empty for formats where that is not cheap to know or means nothing (FAT, ISO 9660, ...).
   */
  public Optional<SpaceInfo> space() throws IOException {
    FsSpace s = fs.space();
    return s == null ? Optional.empty() : Optional.of(new SpaceInfo(s.size(), s.used(), s.free()));
  }

  /** The on-disk feature flags that are set, by their mkfs names (ext: as dumpe2fs prints). */
  public List<String> features() throws IOException {
    return fs.features();
  }

  private Boolean posix;

  /** Whether the filesystem stores POSIX modes and owners (asked of its root once). */
  synchronized boolean posix() {
    if (posix == null) {
      try {
        var a = fs.root().attributes();
        posix = a != null && a.posix();
      } catch (IOException e) {
        posix = false;
      }
    }
    return posix;
  }

  @Override
  public GuestPath getPath(String first, String... more) {
    if (more.length == 0) {
      return new GuestPath(this, first);
    }
    StringBuilder sb = new StringBuilder(first);
    for (String m : more) {
      if (!m.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : "/").append(m);
      }
    }
    return new GuestPath(this, sb.toString());
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    return Globs.matcher(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("guest filesystems have no principal lookup");
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("guest filesystems never change");
  }

  /** The URI of an absolute path: {@code jgrub:<disk URI>!<volume>!<path>}. */
  URI uri(String absolutePath) {
    try {
      return new URI(
          GuestFileSystemProvider.SCHEME,
          key() + "!" + absolutePath,
          null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the provider registers this filesystem under: the disk's URI and the volume name. */
  String key() {
    return volume.disk().path().toAbsolutePath().toUri() + "!" + volume.name();
  }

  // Driver access, each under the lock.

  private void checkOpen() {
    if (!open) {
      throw new ClosedFileSystemException();
    }
  }

  /** The node at {@code p}; a final symbolic link is followed only if {@code follow}. */
  synchronized Node node(GuestPath p, boolean follow) throws IOException {
    checkOpen();
    Node cached = p.cachedNode(fs);
    if (cached != null && (!follow || cached.kind() != Node.Kind.SYMLINK)) {
      return cached;
    }
    try {
      return PathWalker.resolve(fs, p.toAbsolutePath().toString(), follow);
    } catch (NotFoundException e) {
      NoSuchFileException n = new NoSuchFileException(p.toString(), null, volume.name() + ": " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }

  synchronized Node open(DirEntry e) throws IOException {
    checkOpen();
    return fs.open(e);
  }

  synchronized List<DirEntry> list(Node dir) throws IOException {
    checkOpen();
    return fs.list(dir);
  }

  synchronized String readLink(Node link) throws IOException {
    checkOpen();
    return fs.readLink(link);
  }

  synchronized int read(Node file, long pos, ByteBuffer dst) throws IOException {
    checkOpen();
    return fs.read(file, pos, dst);
  }

  @Override
  public String toString() {
    return volume.disk().path() + " " + volume.name() + " (" + fs.type() + ")";
  }
}
