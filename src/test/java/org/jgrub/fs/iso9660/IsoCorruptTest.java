package org.jgrub.fs.iso9660;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The hostile System Use and directory record cases of XSA-497 (and the classic ones before it),
 * each made from the real xorriso image iso9660/hybrid.img.xz by patching documented bytes:
 *
 * <ul>
 *   <li>the record of /Names/CaseSensitive.txt is found through its NM entry "NM" 0x16 0x01 0x00
 *       "CaseSensitive.txt"; its length byte is at record+0, its name length at record+32;
 *   <li>the root '.' record (first record of the root extent) holds a CE entry "CE" 0x1C 0x01
 *       whose block, offset and length are both-endian fields at CE+4, CE+12 and CE+20.
 * </ul>
 *
 * Every case must end in a jgrub exception within a few seconds, never a hang or a runtime error.
 */
class IsoCorruptTest {
  private static final String IMAGE = "iso9660/hybrid.img.xz";
  private static final byte[] NM_CASE =
      ("NM\u0016\u0001\u0000CaseSensitive.txt").getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] CE_ENTRY = {'C', 'E', 0x1C, 0x01};
  private static final int SECTOR = 2048;
  private static final int DR_NAME_LEN = 32;
  private static final int DR_FILE_UNIT_SIZE = 26;
  private static final int SUSP_LEN = 2;
  private static final int CE_BLOCK = 4;
  private static final int CE_OFFSET = 12;
  private static final int CE_LENGTH = 20;

  /** Opens the volume and reads every file, as a boot would touch what it needs. */
  private static void walkAll(MemoryImage img) throws IOException {
    IsoFs fs = IsoFixtureTest.open(img);
    TreeCheck.compare(
        fs, Manifest.read(Fixtures.ROOT.resolve("iso9660/hybrid.manifest")),
        Set.of("boot/isolinux/boot.cat"));
  }

  /** Fails with {@code type}, and the message names the structure and the byte. */
  private static void failsWith(
      Class<? extends JgrubException> type, String message, Executable e) {
    Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(type, e));
    assertTrue(t.getMessage().contains(message), t.getMessage());
  }

  private static String hex(long at) {
    return "0x" + Long.toHexString(at);
  }

  /** The start of the directory record that contains byte {@code at}. */
  private static long recordContaining(MemoryImage img, long at) {
    long sector = at / SECTOR * SECTOR;
    long p = sector;
    while (p < sector + SECTOR) {
      int len = img.get8(p);
      assertTrue(len > 0, "record chain ends before byte " + at);
      if (at < p + len) {
        return p;
      }
      p += len;
    }
    throw new AssertionError("no record holds byte " + at);
  }

  private static long nm(MemoryImage img) {
    long at = img.find(NM_CASE, 16 * SECTOR);
    assertTrue(at > 0, "NM entry of CaseSensitive.txt");
    return at;
  }

  private static long rootCe(MemoryImage img) {
    long at = img.find(CE_ENTRY, 16 * SECTOR);
    assertTrue(at > 0, "CE entry");
    return at;
  }

  @Test
  void unpatchedImageReads() throws IOException {
    walkAll(MemoryImage.of(IMAGE));
  }

  @Test
  void shortDirectoryRecordLength() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long rec = recordContaining(img, nm(img));
    img.put8(rec, 20);
    failsWith(CorruptDataException.class, "directory /Names: directory record at offset "
        + rec % SECTOR + " has length 20, less than the minimum 34 at byte "
        + hex(rec / SECTOR * SECTOR), () -> walkAll(img));
  }

  @Test
  void directoryRecordLengthZeroAtDirectoryStart() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long rec = recordContaining(img, nm(img));
    img.put8(rec / SECTOR * SECTOR, 0); // the '.' record of /Names
    failsWith(CorruptDataException.class, "directory /Names does not start with a '.' record at "
        + "byte " + hex(rec / SECTOR * SECTOR), () -> walkAll(img));
  }

  @Test
  void systemUseLengthUnderflow() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long rec = recordContaining(img, nm(img));
    int len = img.get8(rec);
    img.put8(rec + DR_NAME_LEN, len - 33 + 2); // name longer than the record leaves
    failsWith(CorruptDataException.class, "directory /Names record: name length " + (len - 31)
        + " does not fit in a record of " + len + " bytes (the System Use length would be "
        + "negative) at byte " + hex(rec), () -> walkAll(img));
  }

  @Test
  void suspEntryLengthZero() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long nm = nm(img);
    img.put8(nm + SUSP_LEN, 0);
    // The message names the System Use area (62 bytes before NM here) and the entry's offset.
    failsWith(CorruptDataException.class, "System Use area: SUSP entry at offset 62 has length 0, "
        + "less than its 4-byte header at byte " + hex(nm - 62), () -> walkAll(img));
  }

  @Test
  void suspEntryBeyondTheArea() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long nm = nm(img);
    img.put8(nm + SUSP_LEN, 250);
    failsWith(CorruptDataException.class, "SUSP entry at offset 62 of length 250 runs past the end "
        + "of its 84-byte area at byte " + hex(nm - 62), () -> walkAll(img));
  }

  @Test
  void nmShorterThanItsHeader() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long nm = nm(img);
    img.put8(nm + SUSP_LEN, 4);
    failsWith(CorruptDataException.class, "SUSP entry NM: NM entry of 4 bytes is shorter than its "
        + "5-byte header at byte " + hex(nm), () -> walkAll(img));
  }

  @Test
  void ceOffsetBeyondTheBlock() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long ce = rootCe(img);
    img.put32both(ce + CE_OFFSET, 2040);
    failsWith(CorruptDataException.class, "SUSP entry CE: CE continuation area at offset 2040 "
        + "length 237 does not lie inside one 2048-byte block at byte " + hex(ce),
        () -> walkAll(img));
  }

  @Test
  void ceLengthBeyondTheBlock() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long ce = rootCe(img);
    img.put32both(ce + CE_LENGTH, 4096);
    failsWith(CorruptDataException.class, "SUSP entry CE: CE continuation area at offset 0 length "
        + "4096 does not lie inside one 2048-byte block at byte " + hex(ce), () -> walkAll(img));
  }

  @Test
  void cePointingPastTheImage() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    img.put32both(rootCe(img) + CE_BLOCK, 0x00FFFFFFL);
    failsWith(CorruptDataException.class, "iso9660 CE continuation area named SUSP entry CE at "
        + "byte " + hex(0x00FFFFFFL * SECTOR) + " (+237) lies outside the device (size 2097152)",
        () -> walkAll(img));
  }

  @Test
  void ceChainLoop() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long ce = rootCe(img);
    // The continuation area becomes the CE entry itself, which names itself again.
    img.put32both(ce + CE_BLOCK, ce / SECTOR);
    img.put32both(ce + CE_OFFSET, ce % SECTOR);
    img.put32both(ce + CE_LENGTH, 28);
    failsWith(CorruptDataException.class, "SUSP entry CE: CE chain returns to block "
        + ce / SECTOR + " offset " + ce % SECTOR + " (a loop) at byte " + hex(ce),
        () -> walkAll(img));
  }

  @Test
  void interleavedFileIsUnsupported() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    img.put8(recordContaining(img, nm(img)) + DR_FILE_UNIT_SIZE, 1);
    failsWith(
        UnsupportedFeatureException.class,
        "/Names/CaseSensitive.txt uses interleaved recording (file unit size 1, gap 0)",
        () -> PathWalker.resolve(IsoFixtureTest.open(img), "/Names/CaseSensitive.txt"));
  }

  /** Byte offset of the Joliet SVD's escape sequence "%/E" (ECMA-119 8.5.6, Joliet spec). */
  private static long jolietEscape(MemoryImage img) {
    for (long vd = 16 * SECTOR; vd < 32 * SECTOR; vd += SECTOR) {
      if (img.get8(vd) == 2 && img.get8(vd + 88) == '%' && img.get8(vd + 89) == '/') {
        return vd + 88;
      }
    }
    throw new AssertionError("no Joliet descriptor");
  }

  @Test
  void everyJolietLevelIsRecognised() throws IOException {
    for (char level : new char[] {'@', 'C', 'E'}) {
      MemoryImage img = MemoryImage.of("iso9660/joliet.img.xz");
      img.put8(jolietEscape(img) + 2, level);
      assertEquals(IsoFs.Names.JOLIET, IsoFixtureTest.open(img).names(), "level " + level);
    }
    MemoryImage img = MemoryImage.of("iso9660/joliet.img.xz");
    img.put8(jolietEscape(img) + 2, 'X'); // an unknown escape: not Joliet, the primary tree
    assertEquals(IsoFs.Names.PLAIN, IsoFixtureTest.open(img).names());
  }

  @Test
  void logicalBlockSizeOtherThan2048IsUnsupported() throws IOException {
    MemoryImage img = MemoryImage.of(IMAGE);
    long pvd = 16 * SECTOR; // xorriso writes the primary descriptor first
    assertEquals(1, img.get8(pvd));
    img.put16le(pvd + 128, 512).put8(pvd + 130, 0x02).put8(pvd + 131, 0x00);
    failsWith(UnsupportedFeatureException.class, "logical block size 512 (only 2048 is supported)",
        () -> IsoFixtureTest.open(img));
  }

  /** Where the stored (compressed) bytes of a zisofs file of the zisofs fixture begin. */
  private static long zisofsData(String path) throws IOException {
    IsoFs fs = IsoFixtureTest.fixture("zisofs");
    return ((IsoNode) PathWalker.resolve(fs, path)).runs().get(0).deviceOffset();
  }

  private static void readZisofs(MemoryImage img, String path) throws IOException {
    IsoFs fs = IsoFixtureTest.open(img);
    TreeCheck.sha256(fs, PathWalker.resolve(fs, path));
  }

  @Test
  void zisofsBlockPointerOutOfRange() throws IOException {
    MemoryImage img = MemoryImage.of("iso9660/zisofs.img.xz");
    // zisofs header (16 bytes), then the block pointers: damage the second one.
    img.put32le(zisofsData("/boot/initrd.img") + 16 + 4, 0x7FFFFFF0L);
    failsWith(CorruptDataException.class, "/boot/initrd.img: zisofs block pointer 1 = "
        + 0x7FFFFFF0L + " outside the compressed data or out of order",
        () -> readZisofs(img, "/boot/initrd.img"));
  }

  @Test
  void zisofsCompressedBytesDamaged() throws IOException {
    MemoryImage img = MemoryImage.of("iso9660/zisofs.img.xz");
    long data = zisofsData("/boot/vmlinuz");
    long firstBlock = data + (img.get8(data + 16) | img.get8(data + 17) << 8);
    img.fill(firstBlock + 10, 8, 0x5A); // inside the first zlib stream
    failsWith(CorruptDataException.class, "/boot/vmlinuz: zisofs block 0: bad zlib data",
        () -> readZisofs(img, "/boot/vmlinuz"));
  }

  @Test
  void zisofsHeaderDisagreesWithZf() throws IOException {
    MemoryImage img = MemoryImage.of("iso9660/zisofs.img.xz");
    img.put32le(zisofsData("/boot/vmlinuz") + 8, 12345); // the header's uncompressed size
    failsWith(CorruptDataException.class, "/boot/vmlinuz: zisofs header disagrees with the ZF entry",
        () -> readZisofs(img, "/boot/vmlinuz"));
  }
}
