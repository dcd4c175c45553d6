package org.jgrub.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;

/**
 * A path in a {@link GuestFileSystem}: POSIX syntax, '/' separated, names as the driver decodes
 * them. The working directory is the root. A path made by a directory stream remembers its
 * directory entry, so walking a tree does not resolve every path again from the root.
 */
final class GuestPath implements Path {
  private final GuestFileSystem fs;
  /** No empty names and no trailing '/', except the root "/" itself. */
  private final String path;
  private String[] names;
  private final DirEntry entry;
  private Node node;

  GuestPath(GuestFileSystem fs, String input) {
    this(fs, clean(input), null);
  }

  private GuestPath(GuestFileSystem fs, String cleaned, DirEntry entry) {
    this.fs = fs;
    this.path = cleaned;
    this.entry = entry;
  }

  /** A child found in a directory listing (the name was checked by the directory stream). */
  GuestPath child(String name, DirEntry e) {
    return new GuestPath(fs, path.isEmpty() ? name : path.equals("/") ? "/" + name : path + "/" + name, e);
  }

  /** The node of this path's directory entry, when a directory stream made it; else null. */
  Node cachedNode(GuestFs driver) throws IOException {
    if (node == null && entry != null) {
      node = driver.open(entry);
    }
    return node;
  }

  private static String clean(String s) {
    if (s.indexOf('\0') >= 0) {
      throw new InvalidPathException(s, "NUL character not allowed");
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
        continue;
      }
      sb.append(c);
    }
    if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  private String[] names() {
    if (names == null) {
      String body = isAbsolute() ? path.substring(1) : path;
      names = body.isEmpty() && isAbsolute() ? new String[0] : body.split("/", -1);
    }
    return names;
  }

  private GuestPath of(String[] parts, int from, int to, boolean absolute) {
    StringBuilder sb = new StringBuilder(absolute ? "/" : "");
    for (int i = from; i < to; i++) {
      sb.append(i > from ? "/" : "").append(parts[i]);
    }
    return new GuestPath(fs, sb.toString(), null);
  }

  static GuestPath check(Path p) {
    if (!(p instanceof GuestPath)) {
      throw new ProviderMismatchException(
          "not a path of a jgrub guest filesystem: " + (p == null ? "null" : p.getClass().getName()));
    }
    return (GuestPath) p;
  }

  @Override
  public GuestFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return path.startsWith("/");
  }

  @Override
  public Path getRoot() {
    return isAbsolute() ? new GuestPath(fs, "/", null) : null;
  }

  @Override
  public Path getFileName() {
    String[] n = names();
    if (n.length == 0) {
      return null;
    }
    return n.length == 1 && !isAbsolute() ? this : new GuestPath(fs, n[n.length - 1], null);
  }

  @Override
  public Path getParent() {
    String[] n = names();
    if (n.length == 0 || (n.length == 1 && !isAbsolute())) {
      return null;
    }
    return of(n, 0, n.length - 1, isAbsolute());
  }

  @Override
  public int getNameCount() {
    return names().length;
  }

  @Override
  public Path getName(int index) {
    String[] n = names();
    if (index < 0 || index >= n.length) {
      throw new IllegalArgumentException("name index " + index + " of " + n.length);
    }
    return new GuestPath(fs, n[index], null);
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    String[] n = names();
    if (beginIndex < 0 || endIndex > n.length || beginIndex >= endIndex) {
      throw new IllegalArgumentException("subpath " + beginIndex + ".." + endIndex + " of " + n.length);
    }
    return of(n, beginIndex, endIndex, false);
  }

  @Override
  public boolean startsWith(Path other) {
    if (!(other instanceof GuestPath o) || o.fs != fs || o.isAbsolute() != isAbsolute()) {
      return false;
    }
    String[] a = names();
    String[] b = o.names();
    if (o.path.isEmpty()) {
      return path.isEmpty();
    }
    return b.length <= a.length && Arrays.equals(a, 0, b.length, b, 0, b.length);
  }

  @Override
  public boolean endsWith(Path other) {
    if (!(other instanceof GuestPath o) || o.fs != fs) {
      return false;
    }
    if (o.isAbsolute()) {
      return o.path.equals(path);
    }
    if (o.path.isEmpty()) {
      return path.isEmpty();
    }
    String[] a = names();
    String[] b = o.names();
    return b.length <= a.length && Arrays.equals(a, a.length - b.length, a.length, b, 0, b.length);
  }

  @Override
  public Path normalize() {
    List<String> out = new ArrayList<>();
    for (String s : names()) {
      if (s.equals(".") || s.isEmpty()) {
        continue;
      }
      if (s.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
          continue;
        }
        if (isAbsolute()) {
          continue; // "/.." is "/"
        }
      }
      out.add(s);
    }
    return of(out.toArray(new String[0]), 0, out.size(), isAbsolute());
  }

  @Override
  public Path resolve(Path other) {
    GuestPath o = check(other);
    if (o.isAbsolute()) {
      return o;
    }
    if (o.path.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return o;
    }
    return new GuestPath(fs, path.equals("/") ? "/" + o.path : path + "/" + o.path, null);
  }

  @Override
  public Path relativize(Path other) {
    GuestPath o = check(other);
    if (o.isAbsolute() != isAbsolute()) {
      throw new IllegalArgumentException("cannot relativize " + o + " against " + this);
    }
    String[] a = ((GuestPath) normalize()).names();
    String[] b = ((GuestPath) o.normalize()).names();
    if (path.isEmpty()) {
      a = new String[0];
    }
    if (o.path.isEmpty()) {
      b = new String[0];
    }
    int common = 0;
    while (common < a.length && common < b.length && a[common].equals(b[common])) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < a.length; i++) {
      out.add("..");
    }
    out.addAll(Arrays.asList(b).subList(common, b.length));
    return of(out.toArray(new String[0]), 0, out.size(), false);
  }

  @Override
  public URI toUri() {
    return fs.uri(((GuestPath) toAbsolutePath()).path);
  }

  @Override
  public Path toAbsolutePath() {
    return isAbsolute() ? this : new GuestPath(fs, "/" + path, entry);
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return fs.provider().realPath(this, options);
  }

  @Override
  public WatchKey register(WatchService w, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... m) {
    throw new UnsupportedOperationException("guest filesystems never change");
  }

  @Override
  public int compareTo(Path other) {
    return path.compareTo(check(other).path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuestPath p && p.fs == fs && p.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path;
  }
}
