package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests whose configuration is where their own GRUB finds it, not at pygrub's fixed paths
 * (fixtures/make-grub-installs.sh): btrfs roots in subvolumes, GRUB core images whose prefix names
 * the configuration's device and folder.
 */
class GrubInstallsTest {
  private static final Pattern SXP =
      Pattern.compile("linux \\(kernel '([^']*)'\\)(?:\\(ramdisk '([^']*)'\\))?(?:\\(args '([^']*)'\\))?");
  private static final String UUID = "5d0b6a1e-7a4c-4f0e-9d3b-2c1f0e9d2a21";

  @TempDir Path out;

  static String image(String name) throws IOException {
    return Fixtures.image("grub-installs/" + name + ".img.xz").toString();
  }

  private Matcher boot(Jgrub r) {
    assertEquals(0, r.status(), r.err());
    Matcher m = SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    return m;
  }

  private void bootsDefaultKernel(String image, String subvol) throws IOException {
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, image(image));
    Matcher m = boot(r);
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-56-amd64", BootFiles.kernelSize("56"));
    BootFiles.assertBlob(Path.of(m.group(2)), "initrd.img-6.1.0-56-amd64", BootFiles.initrdSize("56"));
    assertEquals("root=UUID=" + UUID + " ro rootflags=subvol=" + subvol + " quiet", m.group(3));
  }

  @Test
  void debianInstallerLayoutWithoutCoreImageIsFoundInSubvolumeRootfs() throws IOException {
    bootsDefaultKernel("btrfs-rootfs-nocore", "@rootfs");
    Jgrub r = Jgrub.run("-q", "-n", "--debug", image("btrfs-rootfs-nocore"));
    assertTrue(
        r.err().contains("using /boot/grub/grub.cfg (grub2) on partition 1 (btrfs) subvolume @rootfs (256)"),
        r.err());
    // The paths are grub-mkrelpath's, from the top of the filesystem, as GRUB reads them.
    assertTrue(r.out().startsWith("linux (kernel '/@rootfs/boot/vmlinuz-6.1.0-56-amd64')"), r.out());
  }

  @Test
  void ubuntuLayoutWithoutCoreImageIsFoundInSubvolumeAt() throws IOException {
    bootsDefaultKernel("btrfs-ubuntu-nocore", "@");
  }

  @Test
  void entriesAreListedFromTheSubvolumeConfiguration() throws IOException {
    Jgrub l = Jgrub.run("-l", image("btrfs-rootfs-nocore"));
    assertEquals(0, l.status(), l.err());
    assertTrue(l.out().contains("title: Debian GNU/Linux, with Linux 6.1.0-55-amd64\n"), l.out());
    assertTrue(l.out().contains("kernel: /@rootfs/boot/vmlinuz-6.1.0-55-amd64\n"), l.out());
    Jgrub r = Jgrub.run("-q", "--output-directory=" + out, "--entry=1", image("btrfs-rootfs-nocore"));
    Matcher m = boot(r);
    BootFiles.assertBlob(Path.of(m.group(1)), "vmlinuz-6.1.0-55-amd64", BootFiles.kernelSize("55"));
  }

  @Test
  void theErrorNamesTheSubvolumesSearched() throws IOException {
    Jgrub r = Jgrub.run("-q", "--debug", "--output-directory=" + out, image("btrfs-noconfig"));
    assertEquals(1, r.status());
    assertEquals(
        "RuntimeError: no bootloader configuration found; tried partition 1 (btrfs): none of the"
            + " known configuration files (also searched subvolume @rootfs (256), subvolume @home"
            + " (257))",
        r.lastErrLine());
    assertTrue(r.err().contains("searching partition 1 (btrfs) subvolume @home (257)"), r.err());
    assertTrue(
        r.err().contains("partition 1 (btrfs) subvolume @home (257): /boot/grub/grub.cfg: absent"),
        r.err());
  }
}
