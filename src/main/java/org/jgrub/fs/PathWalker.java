package org.jgrub.fs;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.io.Budget;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;

/**
 * Path resolution written once for every filesystem (GRUB's fshelp.c): repeated slashes, "." and
 * "..", absolute and relative symbolic links with at most {@link Limits#symlinkHops} hops, and
 * case-insensitive lookup where the directory says so.
 *
 * <p>Every component walked and every link followed is charged to the run's {@link Budget}. Within
 * one walk a name already looked up in a directory is not looked up again: "d/../d/../" costs one
 * lookup of d, however often it repeats ("..": the directory on the walk's stack, never re-read).
 * Links are still followed every time they are met, as GRUB does.
 */
public final class PathWalker {
  /** Lookups remembered per walk: enough for any real path, bounded for hostile ones. */
  private static final int REMEMBERED = 4096;

  private PathWalker() {}

  /** Resolves {@code path} (absolute, or relative to the root) following every symlink. */
  public static Node resolve(GuestFs fs, String path) throws IOException {
    return resolve(fs, path, true);
  }

  /** Resolves {@code path}; a final symlink is returned as is unless {@code followLast}. */
  public static Node resolve(GuestFs fs, String path, boolean followLast) throws IOException {
    Deque<Node> stack = new ArrayDeque<>();
    Node root = fs.root();
    stack.push(root);
    // Filled by a loop: ArrayDeque's copy constructor uses a method reference, whose first use
    // costs the JVM its invokedynamic set-up on every start.
    Deque<String> todo = new ArrayDeque<>();
    for (String part : split(path)) {
      todo.addLast(part);
    }
    int hops = 0;
    int limit = fs.bounds().limits().symlinkHops;
    int steps = 0;
    Budget budget = fs.bounds().budget();
    // Directory node -> name -> node found there (links excluded), for this walk only.
    Map<Node, Map<String, Node>> seen = new IdentityHashMap<>();
    int remembered = 0;
    while (!todo.isEmpty()) {
      if (++steps > 1_000_000) {
        throw new CorruptDataException("path " + path + ": too many components");
      }
      budget.charge(Budget.Kind.LOOKUPS, 1);
      String name = todo.pollFirst();
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (stack.size() > 1) {
          stack.pop();
        }
        continue;
      }
      Node dir = stack.peek();
      if (dir.kind() != Node.Kind.DIRECTORY) {
        throw new NotFoundException(path + ": a path component is not a directory");
      }
      Map<String, Node> known = seen.get(dir);
      Node n = known == null ? null : known.get(name);
      if (n == null) {
        Optional<DirEntry> e = fs.lookup(dir, name);
        if (e.isEmpty()) {
          throw new NotFoundException(path + " not found (no '" + name + "')");
        }
        n = fs.open(e.get());
        if (n.kind() != Node.Kind.SYMLINK && remembered < REMEMBERED) {
          remembered++;
          if (known == null) {
            known = new HashMap<>();
            seen.put(dir, known);
          }
          known.put(name, n);
        }
      }
      boolean last = todo.isEmpty();
      if (n.kind() == Node.Kind.SYMLINK && (!last || followLast)) {
        budget.charge(Budget.Kind.SYMLINKS, 1);
        if (++hops > limit) {
          throw new CorruptDataException(
              path + ": more than " + limit + " symbolic links (a loop?)");
        }
        String target = fs.readLink(n);
        List<String> parts = split(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        if (target.startsWith("/")) {
          stack.clear();
          stack.push(root);
        }
        continue;
      }
      stack.push(n);
    }
    return stack.peek();
  }

  /** Whether {@code path} resolves; other failures (corruption) still throw. */
  public static boolean exists(GuestFs fs, String path) throws IOException {
    try {
      resolve(fs, path);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String p : path.split("/", -1)) {
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }
}
