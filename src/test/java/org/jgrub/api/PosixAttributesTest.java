package org.jgrub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mode and mtime of every path of every fixture with a manifest, read through the public
 * library's {@code posix}/{@code unix} views, agree with what Linux's own driver said when the
 * manifest was made ({@code os.lstat} on the mounted image: {@code S_IMODE(st_mode)} and {@code
 * int(st_mtime)}). FAT stores no modes (Linux makes them up from mount options), so there only the
 * time is compared and the POSIX view must be refused.
 */
class PosixAttributesTest {
  /**
   * Manifests of the tree handed to mkfs, not of the mounted image (this kernel refuses XFS v4):
   * mkfs.xfs -p stamps the times of its own run, so only modes are compared.
   */
  private static final Set<String> SOURCE_TREE = Set.of("xfs/v4.manifest", "xfs/v4b512.manifest");

  /**
   * The FAT manifests are of the source tree too, and fixtures/make-fatiso.sh runs mtools with
   * SOURCE_DATE_EPOCH=1700000000, which mtools writes as every entry's time: that is the oracle.
   */
  private static final long MTOOLS_EPOCH = 1700000000L;

  /** Extracted from the image after -boot-info-table patched it (make-fatiso.sh): a new mtime. */
  private static final String PATCHED = "iso9660/hybrid.manifest:boot/isolinux/isolinux.bin";

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> fixtures()
      throws Exception {
    return FileSystemContractTest.fixtures();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("fixtures")
  void modeAndMtimeMatchTheManifest(
      String image, String manifest, String ignored, String prefix, String type) throws Exception {
    Manifest m = Manifest.read(Fixtures.ROOT.resolve(manifest)).under(prefix);
    Set<String> skip = ignored.isEmpty() ? Set.of() : Set.of(ignored.split(" "));
    List<String> wrong = new ArrayList<>();
    int compared = 0;
    try (Disk disk = Disk.open(Fixtures.image(image))) {
      GuestFileSystem fs = FileSystemContractTest.fileSystemOfType(disk, type);
      boolean posix = fs.supportedFileAttributeViews().contains("posix");
      Path root = fs.getPath("/");
      for (Manifest.Item i : m.items()) {
        if (skip.stream().anyMatch(s -> i.path().equals(s) || i.path().startsWith(s + "/"))) {
          continue;
        }
        Path p = root.resolve(i.path());
        BasicFileAttributes b =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long mtime = Math.floorDiv(b.lastModifiedTime().toMillis(), 1000);
        long expected = "vfat".equals(type) ? MTOOLS_EPOCH : i.mtime();
        if (mtime != expected && !SOURCE_TREE.contains(manifest)
            && !PATCHED.equals(manifest + ":" + i.path())) {
          wrong.add(i.path() + ": mtime " + mtime + ", expected " + expected);
        }
        if (posix) {
          Map<String, Object> u = Files.readAttributes(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
          int mode = (Integer) u.get("mode") & 07777;
          if (mode != Integer.parseInt(i.mode(), 8)) {
            wrong.add(i.path() + ": mode " + Integer.toOctalString(mode) + ", Linux says "
                + i.mode());
          }
          PosixFileAttributes a =
              Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          assertEquals(PosixFilePermissions.toString(a.permissions()),
              PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
          assertEquals(mode & 0777,
              PosixFilePermissions.toString(a.permissions()).chars().map(c -> c == '-' ? 0 : 1)
                  .reduce(0, (x, y) -> x << 1 | y));
        }
        compared++;
      }
      if (!posix) {
        assertFalse(fs.supportedFileAttributeViews().contains("posix"));
        assertThrows(UnsupportedOperationException.class,
            () -> Files.readAttributes(root, PosixFileAttributes.class));
      }
    }
    assertEquals(m.items().isEmpty(), compared == 0, "paths compared");
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + compared + " differ: "
        + wrong.subList(0, Math.min(10, wrong.size())));
  }

  /**
   * The full st_mode, uid, gid, nlink and the three times to the nanosecond, against the .stat
   * files fixtures/make-stat-manifests.sh made with Linux's drivers on the read-only mounted images.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
    "ext/ext4-4k", "ext/ext2-1k", "api/hostile-links", "xfs/v5", "btrfs/plain", "squashfs/gzip",
    "attrs/ext4", "attrs/xfs", "attrs/btrfs", "attrs/squashfs"
  })
  void everyAttributeMatchesLinuxStat(String name) throws Exception {
    List<String> lines = Files.readAllLines(Fixtures.ROOT.resolve(name + ".stat"));
    List<String> wrong = new ArrayList<>();
    int compared = 0;
    try (Disk disk = Disk.open(Fixtures.image(name + ".img.xz"))) {
      GuestFileSystem fs = FileSystemContractTest.fileSystemOfType(disk, null);
      Path root = fs.getPath("/");
      for (String line : lines) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        Path p = f[0].equals(".") ? root : root.resolve(f[0]);
        Map<String, Object> u = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        String got = String.join("\t", f[0], Integer.toOctalString((Integer) u.get("mode")),
            u.get("uid").toString(), u.get("gid").toString(), u.get("nlink").toString(),
            nanos(u.get("lastAccessTime")), nanos(u.get("lastModifiedTime")),
            nanos(u.get("ctime")));
        if (!got.equals(line)) {
          wrong.add("jgrub " + got + " / Linux " + line);
        }
        compared++;
      }
    }
    assertTrue(compared > 1, "paths compared");
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + compared + " differ: "
        + wrong.subList(0, Math.min(5, wrong.size())));
  }

  private static String nanos(Object fileTime) {
    java.time.Instant t = ((java.nio.file.attribute.FileTime) fileTime).toInstant();
    return java.math.BigInteger.valueOf(t.getEpochSecond()).multiply(
        java.math.BigInteger.valueOf(1_000_000_000L)).add(
        java.math.BigInteger.valueOf(t.getNano())).toString();
  }
}
