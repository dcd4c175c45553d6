package org.jgrub.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;

/**
 * Compares what a jgrub filesystem driver reads with a manifest made by the real implementation:
 * walks the whole tree through {@link GuestFs#list}, then checks every manifest path through the
 * {@link PathWalker} — kinds, sizes, sha256 of every file's bytes, every link target.
 */
public final class TreeCheck {
  private TreeCheck() {}

  /** Names the walk should not report even though the driver lists them (e.g. "lost+found"). */
  public static void compare(GuestFs fs, Manifest m, Set<String> ignoredPaths) throws IOException {
    Map<String, Manifest.Item> expected = new HashMap<>();
    for (Manifest.Item i : m.items()) {
      expected.put(i.path(), i);
    }
    Set<String> seen = new HashSet<>();
    walk(fs, fs.root(), "", seen, ignoredPaths, 0);
    Set<String> missing = new HashSet<>(expected.keySet());
    missing.removeAll(seen);
    Set<String> extra = new HashSet<>(seen);
    extra.removeAll(expected.keySet());
    assertTrue(missing.isEmpty(), "paths in the manifest that the walk did not find: " + missing);
    assertTrue(extra.isEmpty(), "paths the walk found that the manifest lacks: " + extra);
    for (Manifest.Item i : m.items()) {
      Node n = PathWalker.resolve(fs, "/" + i.path(), false);
      switch (i.type()) {
        case 'd' -> assertEquals(Node.Kind.DIRECTORY, n.kind(), i.path());
        case 'l' -> {
          assertEquals(Node.Kind.SYMLINK, n.kind(), i.path());
          assertEquals(i.target(), fs.readLink(n), i.path());
        }
        case 'f' -> {
          assertEquals(Node.Kind.FILE, n.kind(), i.path());
          assertEquals(i.size(), n.size(), "size of " + i.path());
          if (!i.sha256().equals("SKIPPED-LARGE")) {
            assertEquals(i.sha256(), sha256(fs, n), "sha256 of " + i.path());
          }
        }
        default -> {}
      }
    }
  }

  private static void walk(
      GuestFs fs, Node dir, String prefix, Set<String> seen, Set<String> ignored, int depth)
      throws IOException {
    assertTrue(depth < 64, "directory tree deeper than 64 at " + prefix);
    List<DirEntry> entries = fs.list(dir);
    for (DirEntry e : entries) {
      String p = prefix + e.name();
      if (ignored.contains(p)) {
        continue;
      }
      assertTrue(seen.add(p), "listed twice: " + p);
      Node n = fs.open(e);
      if (n.kind() == Node.Kind.DIRECTORY) {
        walk(fs, n, p + "/", seen, ignored, depth + 1);
      }
    }
  }

  /** sha256 of a file's bytes read through {@link GuestFs#read} in odd-sized chunks. */
  public static String sha256(GuestFs fs, Node file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    ByteBuffer buf = ByteBuffer.allocate(100_003);
    long pos = 0;
    while (true) {
      buf.clear();
      int n = fs.read(file, pos, buf);
      if (n < 0) {
        break;
      }
      assertTrue(n > 0 || !buf.hasRemaining(), "read returned 0 before end of file");
      md.update(buf.array(), 0, n);
      pos += n;
    }
    assertEquals(file.size(), pos, "bytes read until end of file");
    return hex(md.digest());
  }

  public static String sha256(String s) throws IOException {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String hex(byte[] d) {
    StringBuilder sb = new StringBuilder();
    for (byte b : d) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}
