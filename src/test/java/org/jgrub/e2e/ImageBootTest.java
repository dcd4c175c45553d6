package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample guest converted by qemu-img (fixtures/make-images.sh) boots through the command line
 * with the same kernel and ramdisk bytes as the raw sample; backing files are opened only under
 * --backing-dir.
 */
class ImageBootTest {
  @TempDir Path dir;

  private Path place(String name) throws IOException {
    Path img = dir.resolve(name);
    Files.copy(Fixtures.image("images/" + name + ".xz"), img);
    return img;
  }

  /** Boots {@code argv} into a new output directory; returns the kernel and ramdisk bytes. */
  private static List<byte[]> boot(Path out, String... argv) throws IOException {
    Files.createDirectories(out);
    String[] a = new String[argv.length + 2];
    a[0] = "-q";
    a[1] = "--output-directory=" + out;
    System.arraycopy(argv, 0, a, 2, argv.length);
    Jgrub r = Jgrub.run(a);
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals("root=/dev/xvda1 ro console=hvc0 quiet", m.group(3));
    return List.of(Files.readAllBytes(Path.of(m.group(1))), Files.readAllBytes(Path.of(m.group(2))));
  }

  private List<byte[]> raw() throws IOException {
    List<byte[]> r = boot(dir.resolve("raw-out"), Fixtures.sample().toString());
    BootFiles.assertBlob(dir.resolve("raw-out").resolve(
        Files.list(dir.resolve("raw-out")).filter(p -> p.getFileName().toString().startsWith(
            "boot_kernel")).findFirst().orElseThrow().getFileName()),
        "vmlinuz-6.1.0-13-amd64", BootFiles.kernelSize("13"));
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample-v3.qcow2", "sample-v2.qcow2", "sample-zlib.qcow2",
      "sample-zstd.qcow2", "sample-extl2.qcow2", "sample-fixed.vhd", "sample-dynamic.vhd",
      "sample-sparse.vmdk", "sample-stream.vmdk"})
  void convertedSampleBootsTheSameBytesAsRaw(String name) throws IOException {
    List<byte[]> want = raw();
    List<byte[]> got = boot(dir.resolve("out"), place(name).toString());
    assertArrayEquals(want.get(0), got.get(0), "kernel");
    assertArrayEquals(want.get(1), got.get(1), "ramdisk");
  }

  @Test
  void offsetIsAnOffsetInTheVirtualDisk() throws IOException {
    Jgrub r = Jgrub.run("-q", "-n", "--offset=1048576", place("sample-zlib.qcow2").toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("linux (kernel '/boot/vmlinuz-6.1.0-13-amd64')"), r.out());
  }

  @Test
  void overlayWithoutBackingDirIsRefusedNamingItsBackingFile() throws IOException {
    Path img = place("overlay.qcow2");
    Path out = Files.createDirectory(dir.resolve("out"));
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, img.toString());
    assertEquals(1, r.status(), r.err());
    assertEquals("RuntimeError: qcow2 image " + img + " has a backing file 'debian12-guest.img';"
        + " jgrub opens backing files only under --backing-dir", r.lastErrLine());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void overlayBootsWithBackingDir() throws IOException {
    List<byte[]> want = raw();
    Path img = place("overlay.qcow2");
    Files.createLink(dir.resolve("debian12-guest.img"), Fixtures.sample());
    List<byte[]> got = boot(dir.resolve("out"), "--backing-dir=" + dir, img.toString());
    assertArrayEquals(want.get(0), got.get(0), "kernel");
    assertArrayEquals(want.get(1), got.get(1), "ramdisk");
  }

  @Test
  void flatVmdkOpensItsExtentOnlyUnderBackingDir() throws IOException {
    List<byte[]> want = raw();
    Path img = place("sample-flat.vmdk");
    Files.createLink(dir.resolve("sample-flat-flat.vmdk"),
        Fixtures.image("images/sample-flat-flat.vmdk.xz"));
    Jgrub r = Jgrub.run("-q", "-n", img.toString());
    assertEquals(1, r.status(), r.err());
    assertEquals("RuntimeError: VMDK image " + img + " has an extent file 'sample-flat-flat.vmdk';"
        + " jgrub opens backing files only under --backing-dir", r.lastErrLine());
    List<byte[]> got = boot(dir.resolve("out"), "--backing-dir=" + dir, img.toString());
    assertArrayEquals(want.get(0), got.get(0), "kernel");
    assertArrayEquals(want.get(1), got.get(1), "ramdisk");
  }

  /**
   * A differencing VHD written by Xen Orchestra's vhd-lib (fixtures/make-vhd-diff.sh), whose
   * grub.cfg says "debug" where its parent's says "quiet": refused without --backing-dir, naming
   * its parent; with it, it boots the sample's kernel with the child's command line.
   */
  @Test
  void differencingVhdBootsItsOwnGrubCfgOnlyWithBackingDir() throws IOException {
    List<byte[]> want = raw();
    Path img = place("vhd-child.vhd");
    Files.createLink(dir.resolve("vhd-parent.vhd"),
        Fixtures.image("images/vhd-parent.vhd.xz"));
    Path out = Files.createDirectory(dir.resolve("out"));
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, img.toString());
    assertEquals(1, r.status(), r.err());
    assertEquals("RuntimeError: VHD image " + img + " has a parent 'vhd-parent.vhd'; jgrub opens"
        + " backing files only under --backing-dir", r.lastErrLine());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of(), s.toList());
    }
    r = Jgrub.run("-q", "--output-directory=" + out, "--backing-dir=" + dir, img.toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals("root=/dev/xvda1 ro console=hvc0 debug", m.group(3));
    assertArrayEquals(want.get(0), Files.readAllBytes(Path.of(m.group(1))), "kernel");
    assertArrayEquals(want.get(1), Files.readAllBytes(Path.of(m.group(2))), "ramdisk");
  }

  private String refusal(Path img, Path backingDir) {
    Jgrub r = Jgrub.run("-q", "-n", "--backing-dir=" + backingDir, img.toString());
    assertEquals(1, r.status(), r.err());
    return r.lastErrLine();
  }

  @Test
  void symlinkLeavingTheBackingDirIsRefused() throws IOException {
    Path inside = Files.createDirectory(dir.resolve("inside"));
    Path img = inside.resolve("overlay.qcow2");
    Files.copy(Fixtures.image("images/overlay.qcow2.xz"), img);
    Files.createSymbolicLink(inside.resolve("debian12-guest.img"), Fixtures.sample().toAbsolutePath());
    String e = refusal(img, inside);
    assertTrue(e.contains("has a backing file 'debian12-guest.img', which is "
        + Fixtures.sample().toRealPath() + ", outside --backing-dir " + inside.toRealPath()), e);
  }

  @Test
  void dotDotAndAbsolutePathsOutsideAreRefused() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.createLink(dir.resolve("debian12-guest.img"), Fixtures.sample());
    Path img = sub.resolve("overlay-dotdot.qcow2");
    Files.copy(Fixtures.image("images/overlay-dotdot.qcow2.xz"), img);
    // Refused even though the file it names lies inside the directory given.
    String e = refusal(img, dir);
    assertTrue(e.contains("has a backing file '../debian12-guest.img', which contains '..'"), e);
    String abs = refusal(place("overlay-abs.qcow2"), dir);
    assertTrue(abs.endsWith("has a backing file '/var/lib/xen/images/base.img', outside"
        + " --backing-dir " + dir + "; jgrub opens backing files only under --backing-dir"), abs);
  }

  @Test
  void backingLoopsEndInAnError() throws IOException {
    String self = refusal(place("loop-self.qcow2"), dir);
    assertTrue(self.contains("has a backing file './loop-self.qcow2', which is "
        + dir.toRealPath().resolve("loop-self.qcow2") + ", already in the chain of images (a loop)"),
        self);
    place("loop-b.qcow2");
    String ab = refusal(place("loop-a.qcow2"), dir);
    assertTrue(ab.contains("has a backing file 'loop-a.qcow2', which is "
        + dir.toRealPath().resolve("loop-a.qcow2") + ", already in the chain"), ab);
  }

  @Test
  void backingDirWithRunasIsAUsageError() {
    Jgrub r = Jgrub.run("-q", "--runas=65534", "--backing-dir=/tmp", "disk.img");
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().contains("--backing-dir cannot be combined with --runas yet"),
        r.lastErrLine());
  }
}
