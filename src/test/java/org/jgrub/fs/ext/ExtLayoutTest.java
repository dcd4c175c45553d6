package org.jgrub.fs.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.image.RawImage;
import org.jgrub.io.SliceDevice;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * layout(): the device runs, read straight from the image with holes as zeros, give the same
 * bytes as read(); and files with holes, unwritten extents or inline data are described right.
 */
class ExtLayoutTest {
  @ParameterizedTest
  @CsvSource({
    "ext4-kernel, /frag.bin, 2999",          // blocks 1, 3, ..., 5997 punched out
    "ext4-kernel, /unwritten.bin, 2",        // fallocate, then a write in the middle
    "ext4-kernel, /prealloc.bin, 0",         // extents past the end of file are cut
    "ext2-1k, /extra/sparse-indirect.bin, 3", // data in direct..triple-indirect ranges
    "ext2-1k, /boot/vmlinuz-6.1.0-56-amd64, 0",
    "ext3-2k, /boot/initrd.img-6.1.0-56-amd64, 0",
    "ext4-64k, /boot/initrd.img-6.1.0-56-amd64, 0",
    "ext4-bigalloc, /boot/edge/sparse.bin, 2",
    "ext4-metabg, /boot/vmlinuz-6.1.0-55-amd64, 0",
    "ext3-kernel, /boot/initrd.img-6.1.0-56-amd64, 0", // written by the kernel, double-indirect
    "ext4-bigalloc-1k, /boot/edge/sparse.bin, 2",
  })
  void runsMatchRead(String image, String path, int minHoles) throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image(image))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      Node f = PathWalker.resolve(fs, path);
      List<Run> runs = fs.layout(f);
      long pos = 0;
      int holes = 0;
      byte[] viaRuns = new byte[(int) f.size()];
      for (Run r : runs) {
        assertEquals(pos, r.fileOffset(), "runs must be contiguous");
        assertTrue(r.length() > 0);
        if (r.isHole()) {
          holes++;
        } else {
          dev.read(r.deviceOffset(), ByteBuffer.wrap(viaRuns, (int) pos, (int) r.length()));
        }
        pos += r.length();
      }
      assertEquals(f.size(), pos, "runs cover the file exactly");
      assertTrue(holes >= minHoles, holes + " holes, expected at least " + minHoles);
      byte[] viaRead = new byte[(int) f.size()];
      ByteBuffer b = ByteBuffer.wrap(viaRead);
      while (b.hasRemaining()) {
        fs.read(f, b.position(), b);
      }
      assertArrayEquals(viaRead, viaRuns);
    }
  }

  @Test
  void volumeInsideALargerDisk() throws IOException {
    // As a partition: the image 1 MiB into a disk. Runs are offsets within the volume.
    byte[] img = ExtImages.bytes("ext4-4k");
    int start = 1 << 20;
    byte[] disk = new byte[start + img.length + 4096];
    System.arraycopy(img, 0, disk, start, img.length);
    SliceDevice part = new SliceDevice(new MemoryImage(disk, "memory image"), start, img.length, "partition 1");
    GuestFs fs = FsProbe.probe(part, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
    Node f = PathWalker.resolve(fs, "/boot/vmlinuz");
    byte[] viaRuns = new byte[(int) f.size()];
    int pos = 0;
    for (Run r : fs.layout(f)) {
      assertTrue(!r.isHole());
      System.arraycopy(img, (int) r.deviceOffset(), viaRuns, pos, (int) r.length());
      pos += (int) r.length();
    }
    byte[] viaRead = new byte[(int) f.size()];
    fs.read(f, 0, ByteBuffer.wrap(viaRead));
    assertArrayEquals(viaRead, viaRuns);
  }

  @ParameterizedTest
  @CsvSource({"/inline/small-40.txt", "/inline/medium-120.txt"})
  void inlineFilesHaveNoLayout(String path) throws IOException {
    try (RawImage dev = RawImage.open(ExtImages.image("ext4-inline"))) {
      GuestFs fs = FsProbe.probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      ExtNode n = (ExtNode) PathWalker.resolve(fs, path);
      assertTrue(n.inode.hasFlag(Inode.FL_INLINE_DATA), "fixture file is inline");
      assertNull(fs.layout(n));
    }
  }
}
