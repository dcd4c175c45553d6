package org.jgrub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A filesystem's size, free space and features through the library, against what the
 * filesystem's own tools printed for the same images: {@code dumpe2fs -h} (the ext fixtures'
 * .info), {@code xfs_db} (.xfs_db) and {@code btrfs inspect-internal dump-super} (.dump-super),
 * both recorded by fixtures/make-stat-manifests.sh.
 */
class SpaceAndFeaturesTest {
  static Stream<String> extFixtures() throws IOException {
    try (Stream<Path> s = Files.list(Fixtures.ROOT.resolve("ext"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".info"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted().toList().stream();
    }
  }

  /** "Key:   value" lines of a tool's output. */
  private static Map<String, String> fields(Path file, String separator) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] kv = line.split(separator, 2);
      if (kv.length == 2) {
        m.put(kv[0].trim(), kv[1].trim());
      }
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("extFixtures")
  void extAgreesWithDumpe2fs(String name) throws IOException {
    Map<String, String> d = fields(Fixtures.ROOT.resolve("ext/" + name + ".info"), ":");
    try (Disk disk = Disk.open(Fixtures.image("ext/" + name + ".img.xz"))) {
      GuestFileSystem fs = FileSystemContractTest.fileSystemOfType(disk, null);
      long bs = Long.parseLong(d.get("Block size"));
      SpaceInfo s = fs.space().orElseThrow();
      assertEquals(Long.parseLong(d.get("Block count")) * bs, s.size(), "size");
      assertEquals(Long.parseLong(d.get("Free blocks")) * bs, s.free(), "free");
      assertEquals(s.size() - s.free(), s.used());
      String features = d.get("Filesystem features");
      // dumpe2fs prints "(none)" for a revision 0 filesystem
      assertEquals(features.equals("(none)") ? List.of() : List.of(features.split(" +")),
          fs.features());
      FileStore store = Files.getFileStore(fs.getPath("/"));
      assertEquals(s.size(), store.getTotalSpace());
      assertEquals(s.free(), store.getUnallocatedSpace());
      assertEquals(0, store.getUsableSpace());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v5", "k1", "k64", "v4", "v4b512"})
  void xfsAgreesWithXfsDb(String name) throws IOException {
    Map<String, String> d = fields(Fixtures.ROOT.resolve("xfs/" + name + ".xfs_db"), "=");
    try (Disk disk = Disk.open(Fixtures.image("xfs/" + name + ".img.xz"))) {
      SpaceInfo s = FileSystemContractTest.fileSystemOfType(disk, "xfs").space().orElseThrow();
      long bs = Long.parseLong(d.get("blocksize"));
      assertEquals(Long.parseLong(d.get("dblocks")) * bs, s.size(), "size");
      assertEquals(Long.parseLong(d.get("fdblocks")) * bs, s.free(), "free");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"suse", "fedora", "plain"})
  void btrfsAgreesWithDumpSuper(String name) throws IOException {
    Map<String, String> d = fields(Fixtures.ROOT.resolve("btrfs/" + name + ".dump-super"), "\t+");
    try (Disk disk = Disk.open(Fixtures.image("btrfs/" + name + ".img.xz"))) {
      SpaceInfo s = FileSystemContractTest.fileSystemOfType(disk, "btrfs").space().orElseThrow();
      assertEquals(Long.parseLong(d.get("total_bytes")), s.size(), "size");
      assertEquals(Long.parseLong(d.get("bytes_used")), s.used(), "used");
    }
  }

  @Test
  void formatsWithoutCheapCountersSayNothing() throws IOException {
    try (Disk disk = Disk.open(Fixtures.image("fat/fat16.img.xz"))) {
      GuestFileSystem fs = FileSystemContractTest.fileSystemOfType(disk, "vfat");
      assertTrue(fs.space().isEmpty());
      assertTrue(fs.features().isEmpty());
    }
  }
}
