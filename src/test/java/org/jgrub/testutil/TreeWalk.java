package org.jgrub.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.JgrubException;

/**
 * A bounded walk of a whole (perhaps damaged) filesystem through every call a boot makes: list,
 * lookup, open, readLink, layout and read. A jgrub exception on one node is handed to {@code
 * onError} and the walk goes on with the others, so one round of damage can show several clean
 * refusals; anything else (an unchecked exception, a read that returns 0) escapes. Shared by the
 * damage harness ({@link Damage}) and the filesystem fuzz target.
 *
 * @param maxNodes nodes visited, the walk's own bound (a damaged directory may list millions)
 * @param maxDepth directory depth (a damaged entry may name an ancestor: a loop only a walk sees)
 * @param entriesPerDir entries taken from one directory
 * @param fileBytes bytes read from one file
 * @param skip names not entered (e.g. a fixture's 20,000-link directory, listed elsewhere)
 */
public record TreeWalk(int maxNodes, int maxDepth, int entriesPerDir, long fileBytes,
    Set<String> skip) {
  private static final int LOOKUPS_PER_DIR = 8;

  /** The bounds the damage tests use unless they say otherwise. */
  public static final TreeWalk DEFAULT = new TreeWalk(5_000, 24, 300, 1 << 20, Set.of());

  public TreeWalk skipping(String... names) {
    return new TreeWalk(maxNodes, maxDepth, entriesPerDir, fileBytes, Set.of(names));
  }

  public TreeWalk reading(long bytes) {
    return new TreeWalk(maxNodes, maxDepth, entriesPerDir, bytes, skip);
  }

  /** Walks from the root; a jgrub exception from the root itself propagates. */
  public void walk(GuestFs fs, Consumer<JgrubException> onError) throws IOException {
    Deque<Node> dirs = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    dirs.add(fs.root());
    depths.add(0);
    int nodes = 0;
    ByteBuffer buf = ByteBuffer.allocate(64 << 10);
    while (!dirs.isEmpty()) {
      Node dir = dirs.poll();
      int depth = depths.poll();
      List<DirEntry> entries;
      try {
        entries = fs.list(dir);
      } catch (JgrubException e) {
        onError.accept(e);
        continue;
      }
      int taken = 0;
      for (DirEntry e : entries.subList(0, Math.min(entriesPerDir, entries.size()))) {
        if (++nodes > maxNodes) {
          return;
        }
        if (skip.contains(e.name())) {
          continue;
        }
        try {
          // A few lookups per directory: a linear one lists the directory again each time.
          if (taken++ < LOOKUPS_PER_DIR) {
            fs.lookup(dir, e.name());
          }
          Node n = fs.open(e);
          switch (n.kind()) {
            case DIRECTORY -> {
              if (depth < maxDepth) {
                dirs.add(n);
                depths.add(depth + 1);
              }
            }
            case SYMLINK -> fs.readLink(n);
            case FILE -> read(fs, n, buf);
            default -> {}
          }
        } catch (JgrubException x) {
          onError.accept(x);
        }
      }
    }
  }

  private void read(GuestFs fs, Node n, ByteBuffer buf) throws IOException {
    fs.layout(n);
    long pos = 0;
    while (pos < fileBytes) {
      buf.clear();
      int got = fs.read(n, pos, buf);
      if (got < 0) {
        return;
      }
      if (got == 0) {
        throw new IllegalStateException("read returned 0 at " + pos + " of " + n.size());
      }
      pos += got;
    }
  }
}
