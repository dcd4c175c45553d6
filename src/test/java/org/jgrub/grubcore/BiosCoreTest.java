package org.jgrub.grubcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jgrub.image.RawImage;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core images the real grub-install wrote (fixtures/make-grub-installs.sh): the prefix read
 * from each is the one grub-install passed to grub-mkimage (NAME.oracle), and damage is a
 * CorruptDataException naming what broke.
 */
class BiosCoreTest {
  @TempDir Path tmp;

  static Path image(String name) throws IOException {
    return Fixtures.image("grub-installs/" + name + ".img.xz");
  }

  /** A line "key=value" of NAME.oracle. */
  static String oracle(String name, String key) throws IOException {
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("grub-installs/" + name + ".oracle"))) {
      if (l.startsWith(key + "=")) {
        return l.substring(key.length() + 1);
      }
    }
    throw new AssertionError(name + ".oracle has no " + key);
  }

  private static Optional<Embedded> read(Path img) throws IOException {
    try (RawImage d = RawImage.open(img)) {
      return BiosCore.read(d);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bios-mbr-ext4", "bios-gpt-ext4", "bios-btrfs-rootfs", "bios-separate-boot"})
  void prefixIsTheOneGrubInstallEmbedded(String name) throws IOException {
    Embedded e = read(image(name)).orElseThrow();
    assertEquals(Optional.of(oracle(name, "prefix")), e.prefix());
    assertTrue(oracle(name, "mkimage").contains("--prefix '" + e.prefix().get() + "'"));
  }

  @Test
  void diskWithoutGrubHasNoCoreImage() throws IOException {
    assertEquals(Optional.empty(), read(image("btrfs-rootfs-nocore")));
  }

  /** A copy of a real install with {@code bytes} written at {@code offset}. */
  private Path patched(String name, long offset, byte[] bytes) throws IOException {
    Path p = tmp.resolve(name + "-" + offset + ".img");
    Files.copy(image(name), p);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), offset);
    }
    return p;
  }

  /** The core image's first sector (boot.img's pointer at 0x5c). */
  static long coreSector(Path img) throws IOException {
    try (FileChannel ch = FileChannel.open(img)) {
      ByteBuffer b = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      ch.read(b, 0x5c);
      return b.getLong(0);
    }
  }

  @Test
  void damageNamesWhatBroke() throws IOException {
    long core = coreSector(image("bios-mbr-ext4")) * 512;
    // boot.img's pointer past the end of the disk.
    Path far = patched("bios-mbr-ext4", 0x5c, new byte[] {0, 0, 0, 0, 0, 0, 1, 0});
    assertTrue(assertThrows(CorruptDataException.class, () -> read(far)).getMessage()
        .contains("lies outside the disk"));
    // diskboot.img's first blocklist claims 65535 sectors.
    Path big = patched("bios-mbr-ext4", core + 0x1f4 + 8, new byte[] {(byte) 0xff, (byte) 0xff});
    assertTrue(assertThrows(CorruptDataException.class, () -> read(big)).getMessage()
        .contains("blocklists name 65536 sectors"));
    // The uncompressed size says 4 GiB.
    Path huge = patched("bios-mbr-ext4", core + 512 + 0x0c, new byte[] {-1, -1, -1, -1});
    assertTrue(assertThrows(CorruptDataException.class, () -> read(huge)).getMessage()
        .contains("uncompressed size 4294967295"));
    // The compressed data cut short: its first sectors overwritten with zeros.
    Path cut = patched("bios-mbr-ext4", core + 512 * 8, new byte[512 * 40]);
    assertTrue(assertThrows(CorruptDataException.class, () -> read(cut)).getMessage()
        .contains("no LZMA-compressed kernel with a module area"));
  }

  @Test
  void aDecompressionBombIsBoundedAndRefused() throws IOException {
    // 64 MiB of zeros as raw LZMA (xz --format=raw, GRUB's lc/lp/pb), written where the real
    // kernel's LZMA stream starts, the header saying 1 MiB: decoding stops at 1 MiB.
    Path img = tmp.resolve("bomb.img");
    Files.copy(image("bios-mbr-ext4"), img);
    byte[] bomb = Files.readAllBytes(Fixtures.ROOT.resolve("grub-installs/lzma-bomb.raw"));
    long core = coreSector(img) * 512;
    try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      ch.read(b, core);
      int sectors = b.getShort(0x1f4 + 8) & 0xffff;
      long head = core + 512;
      long total = sectors * 512L;
      long compressed = b.getInt(512 + 0x08) & 0xffffffffL;
      long redundancy = b.getInt(512 + 0x10) & 0xffffffffL;
      long start = total - redundancy - compressed;
      ByteBuffer h = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      h.putInt(bomb.length).putInt(1 << 20).putInt((int) (total - start - bomb.length)).flip();
      ch.write(h, head + 0x08);
      ch.write(ByteBuffer.wrap(bomb), head + start);
    }
    long t0 = System.nanoTime();
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> read(img));
    assertTrue(e.getMessage().contains("no LZMA-compressed kernel with a module area"), e.getMessage());
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
  }
}
