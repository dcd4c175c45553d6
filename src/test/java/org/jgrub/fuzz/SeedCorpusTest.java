package org.jgrub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seeds (fixtures/make-fuzz-seeds.sh) are worth starting from: each filesystem seed is
 * recognised by its driver and lists its root, each partition-table seed yields partitions,
 * and each command-line seed boots. A seed the parser rejects would start a campaign at the first
 * bounds check.
 */
class SeedCorpusTest {
  private static final Path INPUTS = Paths.get("src/test/resources/org/jgrub/fuzz");

  static List<Path> seeds(String target) throws IOException {
    try (Stream<Path> s = Files.list(INPUTS.resolve(target + "FuzzTestInputs/fuzz"))) {
      return s.filter(p -> p.toString().endsWith(".seed")).sorted().toList();
    }
  }

  static Stream<Arguments> filesystemSeeds() throws IOException {
    String[][] targets = {
      {"Ext", "ext"}, {"Xfs", "xfs"}, {"Btrfs", "btrfs"}, {"Reiser", "reiserfs"}, {"Ufs", "ufs"},
      {"Zfs", "zfs"}, {"Iso", "iso9660"}, {"Squash", "squashfs"}, {"Fat", "vfat"}
    };
    Stream<Arguments> all = Stream.empty();
    for (String[] t : targets) {
      all = Stream.concat(all, seeds(t[0]).stream().map(p -> Arguments.of(t[1], p.getFileName() + "", p)));
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("filesystemSeeds")
  void filesystemSeedIsRecognisedAndHasARoot(String driver, String name, Path seed)
      throws IOException {
    BlockDevice dev = FuzzDevice.of(Files.readAllBytes(seed));
    Optional<GuestFs> fs = FsTarget.driver(driver).probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent(), name + " is not recognised by " + driver);
    try (GuestFs g = fs.get()) {
      // One ReiserFS seed is mkreiserfs's empty filesystem (filling one needs a mount); the
      // others are the Linux-made fixtures with file data zeroed, whose tree still holds /boot.
      boolean empty = driver.equals("reiserfs") && name.equals("empty.seed");
      assertEquals(empty, g.list(g.root()).isEmpty(), name + ": root");
    }
  }

  static Stream<Path> volumeSeeds() throws IOException {
    return seeds("Volume").stream();
  }

  @ParameterizedTest
  @MethodSource("volumeSeeds")
  void partitionTableSeedHasPartitions(Path seed) throws IOException {
    var scan = VolumeScanner.scan(FuzzDevice.of(Files.readAllBytes(seed)), org.jgrub.io.Bounds.DEFAULT);
    assertTrue(scan.volumes().size() > 1, scan.toString());
    if (seed.getFileName().toString().startsWith("md-")) {
      // The MD seed reaches the array code: all 14 arrays assemble from their superblocks.
      assertTrue(scan.volumes().stream().filter(v -> v.grubName().startsWith("md/")).count() >= 14,
          scan.toString());
    }
  }

  static Stream<Path> cliSeeds() throws IOException {
    return seeds("Cli").stream();
  }

  @ParameterizedTest
  @MethodSource("cliSeeds")
  void commandLineSeedBoots(Path seed, @TempDir Path tmp) throws IOException {
    Path img = tmp.resolve("disk.img");
    FuzzDevice.of(Files.readAllBytes(seed)).writeTo(img);
    CliTarget.Result r = CliTarget.boot("-q", "-n", img.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("/boot/vmlinuz"), r.out());
  }
}
