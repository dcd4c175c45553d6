package org.jgrub.fs.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The single-vdev pool made by OpenZFS 2.1.11: every dataset and snapshot against its MANIFEST. */
class ZfsRpoolTest {
  private static RawImage dev;
  private static ZfsPool pool;
  private static Manifest manifest;

  @BeforeAll
  static void open() throws IOException {
    dev = RawImage.open(Fixtures.image("zfs/zfs-rpool.img.xz"));
    pool = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT);
    manifest = Manifest.read(Fixtures.ROOT.resolve("zfs/zfs-rpool.MANIFEST"));
  }

  @AfterAll
  static void close() throws IOException {
    dev.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rpool/ROOT/debian", "rpool/ROOT/debian@install", "rpool/data/zstd", "rpool/data/gzip-9",
      "rpool/data/off", "rpool", "rpool/ROOT", "rpool/data"})
  void datasetMatchesManifest(String dataset) throws IOException {
    ZfsFs fs = pool.open(dataset);
    assertEquals(dataset, fs.dataset());
    TreeCheck.compare(fs, manifest.under(dataset + ":"), Set.of());
  }

  @Test
  void poolFacts() throws IOException {
    assertEquals("rpool", pool.name());
    assertEquals(5000, pool.version());
    assertEquals(70, pool.txg());
    assertEquals("rpool/ROOT/debian", pool.bootfs());
    assertEquals(List.of("rpool", "rpool/ROOT", "rpool/ROOT/debian", "rpool/ROOT/debian@install",
        "rpool/data", "rpool/data/gzip-9", "rpool/data/off", "rpool/data/zstd"), pool.datasets());
  }

  @Test
  void probeOpensBootfs() throws IOException {
    Optional<GuestFs> fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT);
    assertTrue(fs.isPresent());
    ZfsFs z = (ZfsFs) fs.get();
    assertEquals("rpool/ROOT/debian", z.dataset());
    assertEquals("zfs", z.type());
    assertEquals(Optional.of("rpool"), z.label());
    assertEquals(Optional.of("708a00a955473ffb"), z.uuid()); // 8109294806314205179
    // Dataset 146 is rpool/ROOT/debian (zdb -d); file vdevs have no phys_path.
    assertEquals("zfs-bootfs=rpool/146,bootpath=''", z.bootString().orElseThrow());
  }
}
