package org.jgrub.fs.squashfs;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.GuestFsContract;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Nested;

/**
 * The driver contract on each mksquashfs image of the same tree (fixtures/make-squashfs.sh): one
 * per compressor, 4 KiB blocks, no fragments, and everything stored uncompressed.
 */
class SquashContractTest {
  /** One image; the damage is the inode table's first metadata block header cut to 32767 bytes. */
  abstract static class Image extends GuestFsContract {
    abstract String name();

    @Override
    protected String image() {
      return "squashfs/" + name() + ".img.xz";
    }

    @Override
    protected Manifest manifest() throws IOException {
      return Manifest.read(Fixtures.ROOT.resolve("squashfs/tree.manifest"));
    }

    @Override
    protected Optional<? extends GuestFs> open(BlockDevice dev) throws IOException {
      return new SquashDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT);
    }

    @Override
    protected String sparseFile() {
      return null; // blocks are compressed: no layout, holes are checked through read()
    }

    @Override
    protected boolean hasLayout() {
      return false;
    }

    @Override
    protected String damage(MemoryImage img, GuestFs clean) throws IOException {
      long inodeTable = img.get32(SquashSuperblock.OFF_INODE_TABLE, false);
      img.put16le(inodeTable, 0x7fff);
      return "metadata block of 32767 bytes (1 to 8192) at byte 0x"
          + Long.toHexString(inodeTable);
    }
  }

  @Nested
  class Gzip extends Image {
    @Override
    String name() {
      return "gzip";
    }
  }

  @Nested
  class Lzo extends Image {
    @Override
    String name() {
      return "lzo";
    }
  }

  @Nested
  class Xz extends Image {
    @Override
    String name() {
      return "xz";
    }
  }

  @Nested
  class Lz4 extends Image {
    @Override
    String name() {
      return "lz4";
    }
  }

  @Nested
  class Zstd extends Image {
    @Override
    String name() {
      return "zstd";
    }
  }

  @Nested
  class Gzip4k extends Image {
    @Override
    String name() {
      return "gzip-4k";
    }
  }

  @Nested
  class ZstdNoFragments extends Image {
    @Override
    String name() {
      return "zstd-nofrag";
    }
  }

  @Nested
  class Uncompressed extends Image {
    @Override
    String name() {
      return "uncompressed";
    }
  }
}
