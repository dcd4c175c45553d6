package org.jgrub.fs.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OpenZFS's own test pools (pool versions 1-8 and 5000, SPARC big-endian and x86 little-endian,
 * mirrors, raidz1/raidz2, stripes, encryption, zstd written on ppc64): every dataset in a pool's
 * manifest read and compared file by file, or the pool or dataset refused with its reason.
 */
class OpenZfsTestPoolsTest {
  private static final Path DIR = Fixtures.ROOT.resolve("zfs/openzfs");

  private static List<BlockDevice> devices(String files) throws IOException {
    List<BlockDevice> out = new ArrayList<>();
    for (String f : files.split(" ")) {
      out.add(f.endsWith(".tar.gz") ? SparseImage.sparseTar(DIR.resolve(f))
          : SparseImage.xz(DIR.resolve(f + ".dat.xz")));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      v1-pool        | zfs-pool-v1 | |
      v2-pool        | zfs-pool-v2 | |
      v3-pool        | zfs-pool-v3 | |
      v4-pool        | zfs-pool-v4 | |
      v5-pool        | zfs-pool-v5 | |
      v6-pool        | zfs-pool-v6 | |
      v7-pool        | zfs-pool-v7 | |
      v8-pool        | zfs-pool-v8 | |
      pool-v1mirror  | zfs-pool-v1mirror1 zfs-pool-v1mirror2 zfs-pool-v1mirror3 | |
      pool-v1raidz   | zfs-pool-v1raidz1 zfs-pool-v1raidz2 zfs-pool-v1raidz3 | |
      pool-v1stripe  | zfs-pool-v1stripe1 zfs-pool-v1stripe2 zfs-pool-v1stripe3 | |
      pool-v3raidz   | zfs-pool-v3raidz1 zfs-pool-v3raidz2 zfs-pool-v3raidz3 | |
      pool-v3raidz2  | zfs-pool-v3raidz21 zfs-pool-v3raidz22 zfs-pool-v3raidz23 | |
      testpool_zstd  | testpool_zstd.tar.gz | |
      cryptv0        | cryptv0 | cryptv0/testfs | is encrypted
      missing_ivset  | missing_ivset | missing_ivset/testfs | is encrypted
      v999-pool      | zfs-pool-v999 | * | has version 999
      zfs-broken-mirror | zfs-broken-mirror1 zfs-broken-mirror2 | |
      """)
  void pool(String pool, String files, String refused, String reason) throws IOException {
    List<BlockDevice> devs = devices(files);
    if ("*".equals(refused)) {
      UnsupportedFeatureException e =
          assertThrows(UnsupportedFeatureException.class, () -> ZfsPool.open(devs, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains(reason), e.getMessage());
      return;
    }
    ZfsPool p = ZfsPool.open(devs, org.jgrub.io.Bounds.DEFAULT);
    assertEquals(pool, p.name());
    // POOLS.md lists no files for some pools ("-"): their root dataset must then be empty.
    Path mf = DIR.resolve("manifests/" + pool + ".MANIFEST");
    Manifest m = java.nio.file.Files.exists(mf) ? Manifest.read(mf) : new Manifest(List.of());
    Set<String> datasets = new TreeSet<>();
    datasets.add(pool);
    for (Manifest.Item i : m.items()) {
      datasets.add(i.path().substring(0, i.path().indexOf(':')));
    }
    assertTrue(p.datasets().containsAll(datasets), p.datasets().toString());
    for (String ds : datasets) {
      TreeCheck.compare(p.open(ds), m.under(ds + ":"), Set.of());
    }
    if (refused != null) {
      JgrubException e = assertThrows(UnsupportedFeatureException.class, () -> p.open(refused));
      assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
  }

  /**
   * raidz2 over three devices keeps one data column, P and Q per row: with any single device,
   * every block is read directly, rebuilt from P, or (when the device holds Q) rebuilt from Q.
   */
  @ParameterizedTest(name = "pool-v3raidz2 from {0} alone")
  @CsvSource({"zfs-pool-v3raidz21", "zfs-pool-v3raidz22", "zfs-pool-v3raidz23"})
  void raidz2FromOneDevice(String file) throws IOException {
    ZfsPool p = ZfsPool.open(devices(file), org.jgrub.io.Bounds.DEFAULT);
    Manifest m = Manifest.read(DIR.resolve("manifests/pool-v3raidz2.MANIFEST"));
    TreeCheck.compare(p.open(), m.under("pool-v3raidz2:"), Set.of());
  }

  /** A v1 three-way mirror read from each side alone. */
  @ParameterizedTest(name = "pool-v1mirror from {0} alone")
  @CsvSource({"zfs-pool-v1mirror1", "zfs-pool-v1mirror2", "zfs-pool-v1mirror3"})
  void mirrorFromOneDevice(String file) throws IOException {
    ZfsPool p = ZfsPool.open(devices(file), org.jgrub.io.Bounds.DEFAULT);
    Manifest m = Manifest.read(DIR.resolve("manifests/pool-v1mirror.MANIFEST"));
    TreeCheck.compare(p.open(), m.under("pool-v1mirror:"), Set.of());
  }

  /**
   * OpenZFS's broken mirror (pool version 2, big-endian): the first side's blocks fail their
   * checksums, so it alone is refused cleanly, while the second side alone reads.
   */
  @ParameterizedTest(name = "broken mirror side alone")
  @CsvSource({"zfs-broken-mirror1, true", "zfs-broken-mirror2, false"})
  void brokenMirrorSide(String file, boolean broken) throws IOException {
    List<BlockDevice> devs = devices(file);
    if (broken) {
      org.jgrub.io.CorruptDataException e =
          assertThrows(org.jgrub.io.CorruptDataException.class, () -> ZfsPool.open(devs, org.jgrub.io.Bounds.DEFAULT));
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    } else {
      ZfsFs fs = ZfsPool.open(devs, org.jgrub.io.Bounds.DEFAULT).open();
      assertEquals("zfs-broken-mirror", fs.dataset());
      assertEquals(0, fs.list(fs.root()).size());
    }
  }

  /**
   * raidz2 over three devices with one device missing and another one's data area overwritten
   * (from 4 MiB to the back labels, as in ZfsMultiVdevTest): only one correct column per row is
   * left, so every block must be found among direct reads, P rebuilds and Q rebuilds.
   */
  @ParameterizedTest(name = "pool-v3raidz2 without device {0}, device {1} damaged")
  @CsvSource({"1, 2", "1, 3", "2, 1", "2, 3", "3, 1", "3, 2"})
  void raidz2MissingAndDamaged(int missing, int damaged) throws IOException {
    List<BlockDevice> devs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      if (i == missing) {
        continue;
      }
      BlockDevice d = devices("zfs-pool-v3raidz2" + i).get(0);
      devs.add(i == damaged ? new ZfsMultiVdevTest.Damaged(d, 4L << 20) : d);
    }
    ZfsPool p = ZfsPool.open(devs, org.jgrub.io.Bounds.DEFAULT);
    Manifest m = Manifest.read(DIR.resolve("manifests/pool-v3raidz2.MANIFEST"));
    TreeCheck.compare(p.open(), m.under("pool-v3raidz2:"), Set.of());
  }
}
