package org.jgrub.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.Bounds;
import org.jgrub.config.GuestFiles;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GRUB device names to volumes and files, on the split-boot guest that fixtures/make-guests.sh
 * makes with sfdisk and mke2fs: partition 1 holds /, partition 2 grub.cfg, partition 3 (UUID
 * 3c5e0c4e-…) the kernels.
 */
class DeviceMapTest {
  private static final String KERNEL_UUID = "3c5e0c4e-3333-4c55-9a64-5f3c0e9d2a11";
  private static BlockDevice disk;
  private static DeviceMap map;

  @BeforeAll
  static void open() throws IOException {
    disk = RawImage.open(Fixtures.image("guests/split-boot.img.xz"));
    map =
        new DeviceMap(
            VolumeScanner.scan(disk, Bounds.DEFAULT).volumes(), null, Bounds.DEFAULT);
  }

  @AfterAll
  static void close() throws IOException {
    disk.close();
  }

  @Test
  void everySyntaxOfOnePartitionDenotesTheSameVolume() throws IOException {
    String canonical = map.volume("hd0,msdos2").grubName();
    assertEquals("hd0,msdos2", canonical);
    for (String name : List.of("hd0,2", "(hd0,msdos2)", "(hd0,2)", "/dev/xvda2", "/dev/sda2")) {
      assertEquals(canonical, map.volume(name).grubName(), name);
    }
  }

  @Test
  void anUnknownDeviceListsTheOnesTheDiskHas() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> map.volume("hd0,msdos9"));
    assertTrue(
        e.getMessage().contains("(hd0,msdos1), (hd0,msdos2), (hd0,msdos3)"), e.getMessage());
    assertThrows(NotFoundException.class, () -> map.volume("hd1,msdos1"));
  }

  @Test
  void filesAreReadFromTheVolumeNamed() throws IOException {
    Optional<byte[]> cfg = map.read("hd0,msdos2", "/boot/grub/grub.cfg", 1 << 20);
    assertTrue(new String(cfg.orElseThrow(), StandardCharsets.UTF_8).contains(KERNEL_UUID));
    assertEquals(Optional.empty(), map.read("hd0,msdos1", "/boot/grub/grub.cfg", 1 << 20));
    assertTrue(map.stat("hd0,msdos3", "/vmlinuz-6.1.0-56-amd64").orElseThrow().size() > 0);
    assertTrue(map.list("hd0,msdos1", "/etc").orElseThrow().contains("hostname"));
    // A read is cut at the bound the caller gives.
    assertEquals(10, map.read("hd0,msdos2", "/boot/grub/grub.cfg", 10).orElseThrow().length);
  }

  @Test
  void searchFindsTheVolumeByUuidLabelOrFile() throws IOException {
    assertEquals(Optional.of("hd0,msdos3"), map.search(GuestFiles.SearchBy.FS_UUID, KERNEL_UUID));
    assertEquals(
        Optional.of("hd0,msdos3"),
        map.search(GuestFiles.SearchBy.FS_UUID, KERNEL_UUID.toUpperCase()));
    assertEquals(
        Optional.of("hd0,msdos2"), map.search(GuestFiles.SearchBy.FILE, "/boot/grub/grub.cfg"));
    assertEquals(Optional.empty(), map.search(GuestFiles.SearchBy.FS_UUID, "00000000-dead"));
  }

  @Test
  void aConfigSiteBecomesTheDefaultDeviceOfPlainPaths() throws IOException {
    assertEquals("hd0", map.configDevice());
    DeviceMap at = map.at(map.probe(map.volume("hd0,msdos2")));
    assertEquals("hd0,msdos2", at.configDevice());
    assertEquals("hd0,msdos2", at.volume(null).grubName());
    assertTrue(at.read(null, "/boot/grub/grub.cfg", 1 << 20).isPresent());
    // The base map is a value: building a view did not change it.
    assertEquals("hd0", map.configDevice());
  }
}
