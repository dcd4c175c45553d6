package org.jgrub.api;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jgrub.fs.DirEntry;
import org.jgrub.io.CorruptDataException;

/**
 * The entries of one guest directory, listed once when the stream opens. A name no real
 * filesystem can hold ("", ".", "..", a '/' or a NUL) is corruption: it would turn into another
 * path, so the whole listing fails rather than yield it.
 */
final class GuestDirectoryStream implements DirectoryStream<Path> {
  private final List<Path> entries;
  private final DirectoryStream.Filter<? super Path> filter;
  private boolean iterated;
  private boolean open = true;

  GuestDirectoryStream(GuestPath dir, List<DirEntry> list, Filter<? super Path> filter)
      throws IOException {
    this.filter = filter;
    this.entries = new ArrayList<>(list.size());
    for (DirEntry e : list) {
      checkName(dir, e.name());
      entries.add(dir.child(e.name(), e));
    }
  }

  static void checkName(Path dir, String n) throws CorruptDataException {
    if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0
        || n.indexOf('\0') >= 0) {
      throw new CorruptDataException(
          "directory " + dir + " lists an entry named '" + n.replace("\0", "\\0")
              + "', which no filesystem can hold (a damaged or hostile disk)");
    }
  }

  @Override
  public synchronized Iterator<Path> iterator() {
    if (iterated || !open) {
      throw new IllegalStateException("a directory stream is iterated once, while open");
    }
    iterated = true;
    return new Iterator<>() {
      private int next;
      private Path ahead;

      @Override
      public boolean hasNext() {
        while (ahead == null && open && next < entries.size()) {
          Path p = entries.get(next++);
          try {
            if (filter == null || filter.accept(p)) {
              ahead = p;
            }
          } catch (IOException e) {
            throw new DirectoryIteratorException(e);
          }
        }
        return ahead != null;
      }

      @Override
      public Path next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Path p = ahead;
        ahead = null;
        return p;
      }
    };
  }

  @Override
  public synchronized void close() {
    open = false;
  }
}
