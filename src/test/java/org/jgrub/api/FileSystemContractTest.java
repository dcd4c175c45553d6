package org.jgrub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every filesystem driver, through the public library only: each fixture that
 * has a manifest (made with the real tools when the image was made) is opened with {@link
 * Disk#open}, walked with {@code Files.walkFileTree} and {@code Files.walk}, and every file is read
 * with {@code Files.readAllBytes} or an input stream and compared by sha256; links by {@code
 * Files.readSymbolicLink}, sizes by {@code Files.size}.
 */
class FileSystemContractTest {
  /** image, manifest, paths the fixture's own test also leaves out, manifest prefix, type. */
  static Stream<Arguments> fixtures() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> ext = Files.list(Fixtures.ROOT.resolve("ext"))) {
      for (Path m : (Iterable<Path>) ext.filter(p -> p.toString().endsWith(".manifest")).sorted()::iterator) {
        String n = m.getFileName().toString().replace(".manifest", "");
        // "secret" is encrypted (refused by name); lost+found is not in the manifests.
        out.add(args("ext/" + n + ".img.xz", "ext/" + n + ".manifest", "lost+found secret", "", null));
      }
    }
    for (String n : List.of("fat12", "fat16", "fat16-4k", "fat32")) {
      out.add(args("fat/" + n + ".img.xz", "fat/" + n + ".manifest", "", "", "vfat"));
    }
    out.add(args("iso9660/plain.img.xz", "iso9660/plain.manifest", "", "", "iso9660"));
    out.add(args("iso9660/joliet.img.xz", "iso9660/joliet.manifest", "", "", "iso9660"));
    out.add(args("iso9660/rr-deep.img.xz", "iso9660/rr-deep.manifest", "rr_moved", "", "iso9660"));
    // genisoimage wrote /links with a System Use entry past its area: refused (IsoFixtureTest).
    out.add(args("iso9660/rr-longlink.img.xz", "iso9660/rr-longlink.manifest", "links", "", "iso9660"));
    out.add(args("iso9660/zisofs.img.xz", "iso9660/zisofs.manifest", "", "", "iso9660"));
    out.add(args("iso9660/multisession.img.xz", "iso9660/multisession.manifest", "", "", "iso9660"));
    out.add(args("iso9660/hybrid.img.xz", "iso9660/hybrid.manifest", "boot/isolinux/boot.cat", "", "iso9660"));
    out.add(args("iso9660/hybrid-gpt.img.xz", "iso9660/hybrid-gpt.manifest", "boot.catalog", "", "iso9660"));
    out.add(args("iso9660/hybrid-gpt.img.xz", "iso9660/hybrid-gpt-esp.manifest", "", "", "vfat"));
    for (String n : List.of("v5", "v4", "v4b512", "k1", "k64")) {
      out.add(args("xfs/" + n + ".img.xz", "xfs/" + n + ".manifest", "xfs/bigdir", "", "xfs"));
    }
    for (String n : List.of("suse", "fedora", "plain")) {
      out.add(args("btrfs/" + n + ".img.xz", "btrfs/" + n + ".manifest", "root/links", "", "btrfs"));
    }
    out.add(args("reiserfs/reiserfs-3.5-boot.img.xz", "reiserfs/reiserfs-3.5-boot.MANIFEST", "", "", "reiserfs"));
    out.add(args("reiserfs/reiserfs-3.6-boot.img.xz", "reiserfs/reiserfs-3.6-boot.MANIFEST", "", "", "reiserfs"));
    out.add(args("reiserfs/reiserfs-empty-35.img.xz", "reiserfs/reiserfs-empty-35.manifest", "", "", "reiserfs"));
    out.add(args("reiserfs/reiserfs-empty-tea.img.xz", "reiserfs/reiserfs-empty-tea.manifest", "", "", "reiserfs"));
    out.add(args("ufs/ufs1-le-4k-boot.img.xz", "ufs/ufs1-le-4k-boot.MANIFEST", "", "", "ufs1"));
    out.add(args("ufs/ufs1-be-4k.img.xz", "ufs/ufs1-be-4k.manifest", "", "", "ufs1"));
    out.add(args("ufs/ufs2-le-8k.img.xz", "ufs/ufs2-le-8k.manifest", "", "", "ufs2"));
    out.add(args("ufs/ufs2-be-4k.img.xz", "ufs/ufs2-be-4k.manifest", "", "", "ufs2"));
    out.add(args("ufs/fuse-ufs/ufs-little.img.xz", "ufs/fuse-ufs/ufs-little.MANIFEST", "", "", "ufs2"));
    out.add(args("ufs/fuse-ufs/ufs-big.img.xz", "ufs/fuse-ufs/ufs-big.MANIFEST", "", "", "ufs2"));
    // A single-device pool opens at its bootfs, or at its root dataset when it has none.
    out.add(args("api/hostile-links.img.xz", "api/hostile-links.manifest", "lost+found", "", "ext4"));
    out.add(args("zfs/zfs-rpool.img.xz", "zfs/zfs-rpool.MANIFEST", "", "rpool/ROOT/debian:", "zfs"));
    for (int v = 1; v <= 8; v++) {
      out.add(args("zfs/openzfs/zfs-pool-v" + v + ".dat.xz",
          "zfs/openzfs/manifests/v" + v + "-pool.MANIFEST", "", "v" + v + "-pool:", "zfs"));
    }
    return out.stream();
  }

  private static Arguments args(String image, String manifest, String ignored, String prefix, String type) {
    return Arguments.of(image, manifest, ignored, prefix, type);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("fixtures")
  void treeAndBytesMatchTheManifest(
      String image, String manifest, String ignored, String prefix, String type) throws Exception {
    Manifest m = Manifest.read(Fixtures.ROOT.resolve(manifest)).under(prefix);
    Set<String> skip = ignored.isEmpty() ? Set.of() : Set.of(ignored.split(" "));
    try (Disk disk = Disk.open(Fixtures.image(image))) {
      GuestFileSystem fs = fileSystemOfType(disk, type);
      assertTrue(fs.isReadOnly());
      Path root = fs.getPath("/");
      Map<String, BasicFileAttributes> seen = walk(root, skip);
      Set<String> expected = new HashSet<>();
      List<Manifest.Item> items = new ArrayList<>();
      for (Manifest.Item i : m.items()) {
        if (!under(i.path(), skip)) {
          expected.add(i.path());
          items.add(i);
        }
      }
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(seen.keySet());
      Set<String> extra = new HashSet<>(seen.keySet());
      extra.removeAll(expected);
      missing.remove(FAILED);
      extra.remove(FAILED);
      assertTrue(missing.isEmpty(), "in the manifest, not found by Files.walkFileTree: " + missing);
      assertTrue(extra.isEmpty(), "found by Files.walkFileTree, not in the manifest: " + extra);
      // Files.walk cannot step over a directory that fails to list (an encrypted one).
      if (!seen.containsKey(FAILED)) {
        try (Stream<Path> all = Files.walk(root)) {
          long n = all.filter(p -> !under(root.relativize(p).toString(), skip)).count();
          assertEquals(expected.size() + 1, n, "Files.walk: the manifest's paths and the root");
        }
      }
      seen.remove(FAILED);
      for (Manifest.Item i : items) {
        Path p = root.resolve(i.path());
        BasicFileAttributes a = seen.get(i.path());
        switch (i.type()) {
          case 'd' -> assertTrue(a.isDirectory() && Files.isDirectory(p), i.path());
          case 'l' -> {
            assertTrue(a.isSymbolicLink() && Files.isSymbolicLink(p), i.path());
            // A Path keeps no repeated or trailing '/', as the JDK's own paths do.
            String target = i.target().replaceAll("/+", "/");
            target = target.length() > 1 && target.endsWith("/")
                ? target.substring(0, target.length() - 1) : target;
            assertEquals(target, Files.readSymbolicLink(p).toString(), i.path());
          }
          case 'f' -> {
            assertTrue(a.isRegularFile(), i.path());
            assertEquals(i.size(), Files.size(p), "size of " + i.path());
            assertEquals(i.size(), a.size(), "walk's size of " + i.path());
            if (!i.sha256().equals("SKIPPED-LARGE")) {
              assertEquals(i.sha256(), sha256(p, i.size()), "sha256 of " + i.path());
            }
          }
          default -> assertTrue(a.isOther(), i.path());
        }
      }
    }
  }

  static GuestFileSystem fileSystemOfType(Disk disk, String type) throws IOException {
    for (Volume v : disk.volumes()) {
      var fs = v.fileSystem();
      if (fs.isPresent() && (type == null || fs.get().type().equals(type))) {
        return fs.get();
      }
    }
    throw new AssertionError("no " + type + " filesystem on " + disk.path());
  }

  private static boolean under(String rel, Set<String> skip) {
    for (String s : skip) {
      if (rel.equals(s) || rel.startsWith(s + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Marks a skipped directory that could not be listed. */
  private static final String FAILED = "\0failed";

  /** Every path under {@code root} (relative, without the root) with its attributes. */
  static Map<String, BasicFileAttributes> walk(Path root, Set<String> skip) throws IOException {
    Map<String, BasicFileAttributes> seen = new HashMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
        if (dir.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        String rel = root.relativize(dir).toString();
        if (skip.contains(rel)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        assertTrue(seen.put(rel, a) == null, "listed twice: " + rel);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (skip.contains(root.relativize(file).toString())) {
          seen.put(FAILED, null);
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && skip.contains(root.relativize(dir).toString())) {
          seen.put(FAILED, null);
          return FileVisitResult.CONTINUE;
        }
        if (e != null) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
        String rel = root.relativize(file).toString();
        if (!skip.contains(rel)) {
          assertTrue(seen.put(rel, a) == null, "listed twice: " + rel);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return seen;
  }

  /** readAllBytes for ordinary files, an input stream in odd-sized reads for large ones. */
  static String sha256(Path p, long size) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    if (size < (8 << 20)) {
      md.update(Files.readAllBytes(p));
    } else {
      try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
        byte[] buf = new byte[100_003];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : md.digest()) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

}
