package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line on whole guest disks made by the real tools (fixtures/make-guests.sh). */
class CliEndToEndTest {
  @TempDir Path out;

  private String sample() throws IOException {
    return Fixtures.sample().toString();
  }

  private String guest(String name) throws IOException {
    return Fixtures.image("guests/" + name + ".img.xz").toString();
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.toList();
    }
  }

  private Matcher sxp(Jgrub r) {
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    return m;
  }

  @Test
  void defaultEntryIsCopiedOutExactly() throws IOException {
    Matcher m = sxp(Jgrub.run("-q", "--output-directory=" + out, sample()));
    Path k = Path.of(m.group(1));
    Path r = Path.of(m.group(2));
    assertEquals(out, k.getParent());
    assertTrue(k.getFileName().toString().matches("boot_kernel\\.[a-z0-9_]{8}"), k.toString());
    assertTrue(r.getFileName().toString().matches("boot_ramdisk\\.[a-z0-9_]{8}"), r.toString());
    assertEquals("root=/dev/xvda1 ro console=hvc0 quiet", m.group(3));
    BootFiles.assertBlob(k, "vmlinuz-6.1.0-13-amd64", BootFiles.kernelSize("13"));
    BootFiles.assertBlob(r, "initrd.img-6.1.0-13-amd64", BootFiles.initrdSize("13"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(k)));
  }

  @Test
  void simpleFormatsAndOutputFile() throws IOException {
    Jgrub r = Jgrub.run("-q", "-n", "--output-format=simple", sample());
    assertEquals(
        "kernel /boot/vmlinuz-6.1.0-13-amd64\nramdisk /boot/initrd.img-6.1.0-13-amd64\n"
            + "args root=/dev/xvda1 ro console=hvc0 quiet\n\n",
        r.out());
    Jgrub r0 = Jgrub.run("-q", "-n", "--output-format=simple0", sample());
    assertEquals(r.out().replace('\n', '\0'), r0.out());
    Path file = out.resolve("result");
    Files.writeString(file, "");
    Jgrub rf = Jgrub.run("-q", "-n", "--output=" + file, sample());
    assertEquals(0, rf.status(), rf.err());
    assertEquals("", rf.out());
    assertEquals(
        "linux (kernel '/boot/vmlinuz-6.1.0-13-amd64')(ramdisk '/boot/initrd.img-6.1.0-13-amd64')"
            + "(args 'root=/dev/xvda1 ro console=hvc0 quiet')",
        Files.readString(file));
  }

  @Test
  void notReallyCopiesNothing() throws IOException {
    Jgrub r = Jgrub.run("-q", "-n", "--output-directory=" + out, sample());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("linux (kernel '/boot/vmlinuz-6.1.0-13-amd64')"), r.out());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void listEntries() throws IOException {
    Jgrub r = Jgrub.run("-l", sample());
    assertEquals(0, r.status(), r.err());
    String[] l = r.out().split("\n");
    assertEquals(25, l.length, r.out());
    assertEquals("title: Debian GNU/Linux", l[0]);
    assertEquals("  root: d0p1", l[1]);
    assertEquals("  kernel: /boot/vmlinuz-6.1.0-13-amd64", l[2]);
    assertEquals("  args: root=/dev/xvda1 ro console=hvc0 quiet", l[3]);
    assertEquals("  initrd: /boot/initrd.img-6.1.0-13-amd64", l[4]);
    assertEquals("title: Debian GNU/Linux, with Linux 6.1.0-12-amd64 (recovery mode)", l[20]);
    assertEquals("  args: root=/dev/xvda1 ro single console=hvc0", l[23]);
  }

  @Test
  void entryByIndexTitleIdAndPath() throws IOException {
    String uuid = "3f2b9c4e-5a61-4d1e-9b7a-2c8d0e6f1a47";
    for (String e :
        List.of(
            "3", "Debian GNU/Linux, with Linux 6.1.0-12-amd64",
            "gnulinux-6.1.0-12-amd64-advanced-" + uuid,
            "gnulinux-advanced-" + uuid + ">gnulinux-6.1.0-12-amd64-advanced-" + uuid, "1>2")) {
      Jgrub r = Jgrub.run("-n", "--entry=" + e, sample());
      assertEquals(0, r.status(), r.err());
      assertTrue(
          r.out().equals(
              "linux (kernel '/boot/vmlinuz-6.1.0-12-amd64')(ramdisk '/boot/initrd.img-6.1.0-12-amd64')"
                  + "(args 'root=/dev/xvda1 ro console=hvc0 quiet')"),
          e + ": " + r.out());
    }
    Jgrub none = Jgrub.run("-n", "--entry=no such entry", sample());
    assertTrue(none.out().contains("6.1.0-13"), none.out());
    assertTrue(none.err().contains("names no entry"), none.err());
  }

  @Test
  void kernelOptionBypassesTheConfigAndFollowsSymlinks() throws IOException {
    Matcher m =
        sxp(
            Jgrub.run(
                "-q", "--output-directory=" + out, "--kernel=/boot/vmlinuz.old",
                "--ramdisk=/boot/initrd.img.old", "--args=single", sample()));
    assertEquals("single", m.group(3));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-12-amd64", BootFiles.kernelSize("12"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-12-amd64", BootFiles.initrdSize("12"));
  }

  @Test
  void argsAreAppendedAfterOneSpace() throws IOException {
    Jgrub r = Jgrub.run("-n", "-q", "--args=console=hvc0", sample());
    assertTrue(r.out().endsWith("(args 'root=/dev/xvda1 ro console=hvc0 quiet console=hvc0')"), r.out());
  }

  @Test
  void offsetSkipsThePartitionTable() throws IOException {
    Jgrub r = Jgrub.run("-n", "-q", "--offset=1048576", sample());
    assertEquals(0, r.status(), r.err());
    Jgrub bad = Jgrub.run("-n", "-q", "--offset=512", sample());
    assertEquals(1, bad.status());
    assertTrue(bad.lastErrLine().startsWith("RuntimeError: no bootloader configuration found"), bad.err());
  }

  @Test
  void doubleSlashesAndDotsInKernelPaths() throws IOException {
    Jgrub r = Jgrub.run("-n", "-q", "--kernel=//boot/./grub/../vmlinuz", sample());
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void missingKernelFailsCleanlyAndLeavesNothing() throws IOException {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, "--kernel=/boot/vmlinuz-9.9", sample());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().startsWith("RuntimeError: /boot/vmlinuz-9.9 not found on any volume"), r.err());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void failureAfterTheKernelCopyRemovesIt() throws IOException {
    Jgrub r =
        Jgrub.run(
            "-q", "--output-directory=" + out, "--kernel=/boot/vmlinuz",
            "--ramdisk=/boot/no-initrd", sample());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().contains("/boot/no-initrd not found"), r.err());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void sizeLimitIsEnforcedBeforeCopyingAndLeavesNothing() throws IOException {
    org.jgrub.io.Limits.Builder b = org.jgrub.io.Limits.DEFAULT.toBuilder();
    b.bootFileBytes = 500_000; // above the 300 kB kernel, below the 700 kB initrd
    Jgrub r = Jgrub.run(b.build(), "-q", "--output-directory=" + out, sample());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().contains("more than the limit of 500000 bytes"), r.err());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void ufsInPartitionAOfABsdLabelBoots() throws IOException {
    for (String name : new String[] {"freebsd", "netbsd"}) {
      Jgrub r = Jgrub.run("-q", "-n", Fixtures.image("bsdlabel/" + name + ".img.xz").toString());
      assertEquals(0, r.status(), r.err());
      assertTrue(r.err().contains("on partition 1 BSD partition a (ufs1)"), r.err());
      assertEquals("linux (kernel '/boot/vmlinuz-6.1.0-56-amd64')(ramdisk"
          + " '/boot/initrd.img-6.1.0-56-amd64')(args 'root=/dev/xvda1 ro quiet')", r.out());
    }
  }

  @Test
  void logicalPartitionIsFound() throws IOException {
    Jgrub r = Jgrub.run("-q", "-n", guest("logical"));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("partition 5"), r.err());
  }

  @Test
  void grubLegacyOnGptAndExtlinuxOnWholeDisk() throws IOException {
    Matcher g = sxp(Jgrub.run("-q", "--output-directory=" + out, guest("grub1-gpt")));
    BootFiles.assertBlob(Path.of(g.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    Matcher x = sxp(Jgrub.run("-q", "--output-directory=" + out, guest("extlinux-raw")));
    BootFiles.assertBlob(Path.of(x.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
  }

  /** UFS in the root slice of a Solaris VTOC, menu.lst as Solaris's bootadm writes it. */
  @Test
  void solarisUfsInAVtocSlice() throws IOException {
    Matcher m = sxp(Jgrub.run("-q", "--output-directory=" + out, guest("solaris-ufs")));
    BootFiles.assertBlob(Path.of(m.group(1)), "platform/i86xpv/kernel/amd64/unix", 1_900_000);
    BootFiles.assertBlob(Path.of(m.group(2)), "platform/i86pc/amd64/boot_archive", 3_300_000);
    assertEquals("/platform/i86xpv/kernel/amd64/unix -B console=hypervisor", m.group(3));
    Jgrub e = Jgrub.run("-q", "-n", "--entry=1", guest("solaris-ufs"));
    assertEquals(1, e.status());
    assertTrue(e.err().contains("multiboot kernel with modules"), e.err());
  }

  @Test
  void kernelOnAnotherPartitionFoundBySearch() throws IOException {
    Matcher m = sxp(Jgrub.run("-q", "--output-directory=" + out, guest("split-boot")));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    assertEquals("root=/dev/xvda1 ro", m.group(3));
  }

  @Test
  void zfsBootPoolWithDatasetsAndSnapshots() throws Exception {
    String pool = Fixtures.image("zfs/zfs-rpool.img.xz").toString();
    org.jgrub.testutil.Manifest m =
        org.jgrub.testutil.Manifest.read(Fixtures.ROOT.resolve("zfs/zfs-rpool.MANIFEST"));
    Matcher d = sxp(Jgrub.run("-q", "--output-directory=" + out, pool));
    assertEquals(sha(m, "rpool/ROOT/debian:boot/vmlinuz-6.1.0-56-amd64"), sha(Path.of(d.group(1))));
    assertEquals(sha(m, "rpool/ROOT/debian:boot/initrd.img-6.1.0-56-amd64"), sha(Path.of(d.group(2))));
    // GRUB's dataset@snapshot paths, and pygrub's zfs-bootfs= choosing the dataset.
    Matcher s =
        sxp(
            Jgrub.run(
                "-q", "--output-directory=" + out,
                "--kernel=/ROOT/debian@install/boot/vmlinuz-6.1.0-55-amd64", pool));
    assertEquals(sha(m, "rpool/ROOT/debian@install:boot/vmlinuz-6.1.0-55-amd64"), sha(Path.of(s.group(1))));
    Jgrub b = Jgrub.run("-q", "-n", "--args=zfs-bootfs=rpool/ROOT/debian@install", pool);
    assertEquals(0, b.status(), b.err());
    Jgrub bad = Jgrub.run("-q", "-n", "--args=zfs-bootfs=rpool/NO/SUCH", pool);
    assertEquals(1, bad.status());
    assertTrue(bad.lastErrLine().contains("rpool/NO/SUCH"), bad.err());
  }

  @Test
  void zfsRaidzPoolFromSeveralImagesWithOneMissing() throws Exception {
    String d0 = Fixtures.image("zfs/zfs-zpool3-0.img.xz").toString();
    String d1 = Fixtures.image("zfs/zfs-zpool3-1.img.xz").toString();
    String d2 = Fixtures.image("zfs/zfs-zpool3-2.img.xz").toString();
    Jgrub all = Jgrub.run("-q", "-n", "--zfs-vdev=" + d1, "--zfs-vdev=" + d2, d0);
    assertEquals(0, all.status(), all.err());
    Jgrub degraded = Jgrub.run("-q", "--output-directory=" + out, "--zfs-vdev=" + d2, d0);
    Matcher m = sxp(degraded);
    org.jgrub.testutil.Manifest mf =
        org.jgrub.testutil.Manifest.read(Fixtures.ROOT.resolve("zfs/zfs-zpool3.MANIFEST"));
    assertEquals(sha(mf, "zpool3/ROOT/debian:boot/vmlinuz-6.1.0-56-amd64"), sha(Path.of(m.group(1))));
    Jgrub alone = Jgrub.run("-q", "-n", d0);
    assertEquals(1, alone.status());
    assertTrue(alone.lastErrLine().contains("raidz1"), alone.err());
    Jgrub foreign =
        Jgrub.run("-q", "-n", "--zfs-vdev=" + Fixtures.image("zfs/zfs-rpool.img.xz"), d0);
    assertEquals(1, foreign.status());
    assertTrue(foreign.lastErrLine().contains("belongs to pool 'rpool'"), foreign.err());
  }

  private static String sha(org.jgrub.testutil.Manifest m, String path) {
    for (org.jgrub.testutil.Manifest.Item i : m.items()) {
      if (i.path().equals(path)) {
        return i.sha256();
      }
    }
    throw new AssertionError("not in the manifest: " + path);
  }

  private static String sha(Path file) throws Exception {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    StringBuilder sb = new StringBuilder();
    for (byte x : md.digest(Files.readAllBytes(file))) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  @Test
  void rhelStyleXfsBootWithBlsEntriesAndSavedEntry() throws IOException {
    Matcher m = sxp(Jgrub.run("-q", "--output-directory=" + out, guest("rhel-xfs-bls")));
    // grubenv's saved_entry names the older kernel; kernelopts fills $kernelopts.
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.5.6-300.fc39.x86_64", 299001);
    BootFiles.assertBlob(Path.of(m.group(2)), "initramfs-6.5.6-300.fc39.x86_64.img", 699923);
    assertEquals(
        "root=UUID=9d1c3e55-8a3b-4f0e-a5c1-0e6f7a8b9c0d ro rootflags=subvol=root rhgb quiet",
        m.group(3));
    Jgrub l = Jgrub.run("-l", guest("rhel-xfs-bls"));
    assertTrue(l.out().startsWith("title: Fedora Linux (6.5.12-300.fc39.x86_64) 39 (Thirty Nine)\n"), l.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"suse", "fedora"})
  void btrfsSubvolumeLayouts(String layout) throws Exception {
    String img = Fixtures.image("btrfs/" + layout + ".img.xz").toString();
    Matcher m = sxp(Jgrub.run("-q", "--output-directory=" + out, img));
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
  }

  @Test
  void hostileImagesEndInOneCleanErrorQuickly() throws IOException {
    Path img = out.resolve("damaged.img");
    Files.copy(Fixtures.sample(), img);
    // Wipe the ext4 superblock of partition 1 (1 MiB + 1024).
    try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.allocate(1024), 1048576 + 1024);
    }
    Path dir = Files.createDirectory(out.resolve("o"));
    Jgrub r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> Jgrub.run("-q", "--output-directory=" + dir, img.toString()));
    assertEquals(1, r.status());
    assertEquals(
        "RuntimeError: no bootloader configuration found; tried partition 1: no filesystem recognised",
        r.lastErrLine());
    Path cut = out.resolve("truncated.img");
    try (FileChannel in = FileChannel.open(Fixtures.sample());
        FileChannel o = FileChannel.open(cut, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      in.transferTo(0, 3 << 20, o);
    }
    Jgrub t =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> Jgrub.run("-q", "--output-directory=" + dir, cut.toString()));
    assertEquals(1, t.status());
    assertTrue(t.lastErrLine().startsWith("RuntimeError: "), t.err());
    assertTrue(!t.err().contains("\tat "), "no stack trace: " + t.err());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void missingImageAndUsage() throws IOException {
    Jgrub r = Jgrub.run("-q", out.resolve("nope.img").toString());
    assertEquals(1, r.status());
    assertTrue(r.lastErrLine().startsWith("RuntimeError: Unable to access"), r.err());
    Jgrub u = Jgrub.run();
    assertEquals(1, u.status());
    assertTrue(u.err().startsWith("Usage:"), u.err());
  }
}
