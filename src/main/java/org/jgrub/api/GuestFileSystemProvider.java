package org.jgrub.api;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgrub.fs.Node;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The {@code jgrub:} file system provider. Filesystems come from {@link Volume#fileSystem()}, or
 * from a URI {@code jgrub:<disk file URI>!<volume>!<path>} ({@code newFileSystem} opens the disk
 * and closes it with the filesystem). Reads go to {@link GuestFileSystem}; every mutator ends in
 * {@link ReadOnly}.
 */
public final class GuestFileSystemProvider extends FileSystemProvider {
  public static final String SCHEME = "jgrub";
  static final GuestFileSystemProvider INSTANCE = new GuestFileSystemProvider();
  /** Open filesystems by {@link GuestFileSystem#key()}, shared by every instance of the class. */
  private static final Map<String, GuestFileSystem> OPEN = new ConcurrentHashMap<>();

  /** Called by {@link java.util.ServiceLoader}; the library itself uses one instance. */
  public GuestFileSystemProvider() {}

  @Override
  public String getScheme() {
    return SCHEME;
  }

  void remember(GuestFileSystem fs) {
    OPEN.put(fs.key(), fs);
  }

  void forget(GuestFileSystem fs) {
    OPEN.remove(fs.key(), fs);
  }

  /** The disk and volume of a URI; the disk part must not itself contain '!'. */
  private static String[] split(URI uri) {
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a jgrub: URI: " + uri);
    }
    String ssp = uri.getSchemeSpecificPart();
    int a = ssp.indexOf('!');
    int b = a < 0 ? -1 : ssp.indexOf('!', a + 1);
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException(
          "expected jgrub:<disk URI>!<volume>!<path>, e.g. jgrub:file:///guest.img!hd0,msdos1!/: "
              + uri);
    }
    return new String[] {ssp.substring(0, a), ssp.substring(a + 1, b), ssp.substring(b + 1)};
  }

  @Override
  public GuestFileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
    String[] p = split(uri);
    String key = p[0] + "!" + p[1];
    if (OPEN.containsKey(key)) {
      throw new FileSystemAlreadyExistsException(key);
    }
    Disk disk = Disk.open(Path.of(URI.create(p[0])));
    try {
      GuestFileSystem fs =
          disk.volume(p[1])
              .fileSystem()
              .orElseThrow(
                  () -> new UnsupportedFeatureException(
                      p[0] + " " + p[1] + ": no filesystem jgrub recognises"));
      fs.own(disk);
      remember(fs);
      return fs;
    } catch (IOException | RuntimeException e) {
      disk.close();
      throw e;
    }
  }

  @Override
  public GuestFileSystem getFileSystem(URI uri) {
    String[] p = split(uri);
    GuestFileSystem fs = OPEN.get(p[0] + "!" + p[1]);
    if (fs == null) {
      throw new FileSystemNotFoundException(p[0] + "!" + p[1]);
    }
    return fs;
  }

  @Override
  public Path getPath(URI uri) {
    return getFileSystem(uri).getPath(split(uri)[2]);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    ReadOnly.checkOpen(options);
    if (attrs.length > 0) {
      throw ReadOnly.refuse();
    }
    GuestPath p = GuestPath.check(path);
    boolean follow = !options.contains(LinkOption.NOFOLLOW_LINKS);
    Node n = p.getFileSystem().node(p, follow);
    if (n.kind() == Node.Kind.DIRECTORY) {
      throw new IOException(p + ": is a directory");
    }
    if (n.kind() != Node.Kind.FILE) {
      throw new IOException(p + ": not a regular file");
    }
    return new GuestChannel(p.getFileSystem(), n, p.toString());
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    GuestPath p = GuestPath.check(dir);
    GuestFileSystem fs = p.getFileSystem();
    Node n = fs.node(p, true);
    if (n.kind() != Node.Kind.DIRECTORY) {
      throw new NotDirectoryException(p.toString());
    }
    return new GuestDirectoryStream(p, fs.list(n), filter);
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    GuestPath p = GuestPath.check(link);
    Node n = p.getFileSystem().node(p, false);
    if (n.kind() != Node.Kind.SYMLINK) {
      throw new NotLinkException(p.toString());
    }
    return p.getFileSystem().getPath(p.getFileSystem().readLink(n));
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    if (!type.isAssignableFrom(GuestAttributes.class)) {
      throw new UnsupportedOperationException(
          type.getSimpleName() + ": jgrub reports the basic and POSIX attributes only");
    }
    GuestAttributes a = attributes(path, options);
    if (type != BasicFileAttributes.class && !a.posix()) {
      throw new UnsupportedOperationException(
          path + ": a " + GuestPath.check(path).getFileSystem().type()
              + " filesystem stores no POSIX mode or owner; read BasicFileAttributes");
    }
    return type.cast(a);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    String view = "basic";
    String names = attributes;
    int colon = attributes.indexOf(':');
    if (colon >= 0) {
      view = attributes.substring(0, colon);
      if (!view.equals("basic") && !view.equals("posix") && !view.equals("unix")) {
        throw new UnsupportedOperationException(
            "view '" + view + "': only 'basic', 'posix' and 'unix' are supported");
      }
      names = attributes.substring(colon + 1);
    }
    return attributes(path, options).asMap(view, names);
  }

  private GuestAttributes attributes(Path path, LinkOption... options) throws IOException {
    GuestPath p = GuestPath.check(path);
    return new GuestAttributes(p.getFileSystem().node(p, !noFollow(options)), p.toString());
  }

  private static boolean noFollow(LinkOption... options) {
    for (LinkOption o : options) {
      if (o == LinkOption.NOFOLLOW_LINKS) {
        return true;
      }
    }
    return false;
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    if (type == BasicFileAttributeView.class) {
      return type.cast(new BasicFileAttributeView() {
        @Override
        public String name() {
          return "basic";
        }

        @Override
        public BasicFileAttributes readAttributes() throws IOException {
          return attributes(path, options);
        }

        @Override
        public void setTimes(FileTime m, FileTime a, FileTime c) {
          throw ReadOnly.refuse();
        }
      });
    }
    if ((type == PosixFileAttributeView.class
            || type == java.nio.file.attribute.FileOwnerAttributeView.class)
        && GuestPath.check(path).getFileSystem().posix()) {
      return type.cast(new PosixFileAttributeView() {
        @Override
        public String name() {
          return "posix";
        }

        @Override
        public PosixFileAttributes readAttributes() throws IOException {
          return GuestFileSystemProvider.this.readAttributes(
              path, PosixFileAttributes.class, options);
        }

        @Override
        public UserPrincipal getOwner() throws IOException {
          return readAttributes().owner();
        }

        @Override
        public void setTimes(FileTime m, FileTime a, FileTime c) {
          throw ReadOnly.refuse();
        }

        @Override
        public void setPermissions(Set<PosixFilePermission> perms) {
          throw ReadOnly.refuse();
        }

        @Override
        public void setOwner(UserPrincipal owner) {
          throw ReadOnly.refuse();
        }

        @Override
        public void setGroup(GroupPrincipal group) {
          throw ReadOnly.refuse();
        }
      });
    }
    return null;
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    GuestPath p = GuestPath.check(path);
    p.getFileSystem().node(p, true);
    for (AccessMode m : modes) {
      if (m == AccessMode.WRITE) {
        throw new AccessDeniedException(p.toString(), null, "read-only guest filesystem");
      }
    }
  }

  /** The path with every symbolic link resolved; refused when a link lies on the way. */
  Path realPath(GuestPath p, LinkOption... options) throws IOException {
    GuestFileSystem fs = p.getFileSystem();
    GuestPath abs = (GuestPath) p.toAbsolutePath().normalize();
    fs.node(p, !noFollow(options));
    if (noFollow(options)) {
      return abs;
    }
    // Lexical normalisation is right only when no component is a link; PathWalker resolves links
    // but keeps no names, so a path through a link is refused rather than answered wrongly.
    for (int i = 1; i <= abs.getNameCount(); i++) {
      GuestPath prefix = (GuestPath) abs.getRoot().resolve(abs.subpath(0, i));
      if (fs.node(prefix, false).kind() == Node.Kind.SYMLINK) {
        throw new UnsupportedFeatureException(
            p + ": the real path through the symbolic link " + prefix + " is not computed");
      }
    }
    return abs;
  }

  @Override
  public boolean isSameFile(Path a, Path b) throws IOException {
    if (a.equals(b)) {
      return true;
    }
    if (!(a instanceof GuestPath) || !(b instanceof GuestPath) || a.getFileSystem() != b.getFileSystem()) {
      return false;
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  @Override
  public boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) {
    return new GuestFileStore(GuestPath.check(path).getFileSystem());
  }

  // Every mutator: one guard.

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    throw ReadOnly.refuse();
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
    throw ReadOnly.refuse();
  }

  @Override
  public void createLink(Path link, Path existing) {
    throw ReadOnly.refuse();
  }

  @Override
  public void delete(Path path) {
    throw ReadOnly.refuse();
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) {
    throw ReadOnly.refuse();
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) {
    throw ReadOnly.refuse();
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    throw ReadOnly.refuse();
  }
}
