package org.jgrub.fs.iso9660;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;

/** The driver contract on a hybrid ISO 9660 with Rock Ridge and Joliet (xorriso). */
class IsoContractTest extends GuestFsContract {
  @Override
  protected String image() {
    return "iso9660/hybrid.img.xz";
  }

  @Override
  protected Manifest manifest() throws IOException {
    return Manifest.read(Fixtures.ROOT.resolve("iso9660/hybrid.manifest"));
  }

  @Override
  protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
    return new IsoDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
  }

  @Override
  protected Set<String> ignored() {
    return Set.of("boot/isolinux/boot.cat");
  }

  @Override
  protected String sparseFile() {
    return null; // ISO 9660 files are extents without holes
  }

  @Override
  protected String damage(MemoryImage img, GuestFs clean) throws IOException {
    // The Rock Ridge NM entry of CaseSensitive.txt, its length byte (SUSP byte 2) cut to 4.
    long nm = img.find(("NM\u0016\u0001\u0000CaseSensitive.txt")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 16 * 2048);
    img.put8(nm + 2, 4);
    return "NM entry of 4 bytes is shorter than its 5-byte header at byte 0x"
        + Long.toHexString(nm);
  }
}
