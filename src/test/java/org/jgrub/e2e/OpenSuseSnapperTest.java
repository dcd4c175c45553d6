package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An openSUSE-style guest (fixtures/make-opensuse-snapper.sh): snapper's installation-helper made
 * the subvolumes and snapshots, openSUSE's patched grub2-mkconfig templates and
 * grub2-snapper-plugin.sh wrote the configurations. The snapshot submenu lists the read-only
 * snapshots, and each entry boots the kernel and initrd of its snapshot, as GRUB with openSUSE's
 * btrfs patches reads them (btrfs-mount-subvol, btrfs_subvol, btrfs_relative_path).
 */
class OpenSuseSnapperTest {
  private static final String SUBMENU = "Start bootloader from a read-only snapshot";

  @TempDir Path out;

  static String image() throws IOException {
    return Fixtures.image("opensuse-snapper/opensuse-snapper.img.xz").toString();
  }

  /** The sha256 grub-fstest read for a kernel path from the top level (the oracle). */
  static String kernelSum(String path) throws IOException {
    for (String l : Files.readAllLines(Fixtures.ROOT.resolve("opensuse-snapper/opensuse-snapper.oracle"))) {
      if (l.startsWith("kernel=" + path + " ")) {
        return l.substring(l.indexOf(' ') + 1);
      }
    }
    throw new AssertionError("the oracle has no kernel " + path);
  }

  private static String sha256(Path f) throws Exception {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    return java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
  }

  private Matcher boot(String... args) throws IOException {
    String[] a = new String[args.length + 3];
    a[0] = "-q";
    a[1] = "--output-directory=" + out;
    System.arraycopy(args, 0, a, 2, args.length);
    a[a.length - 1] = image();
    Jgrub r = Jgrub.run(a);
    assertEquals(0, r.status(), r.err());
    Matcher m = Jgrub.SXP.matcher(r.out());
    assertTrue(m.matches(), "not sxp: " + r.out());
    return m;
  }

  @Test
  void theSnapshotSubmenuListsTheReadOnlySnapshotsNewestFirst() throws IOException {
    Jgrub l = Jgrub.run("-l", image());
    assertEquals(0, l.status(), l.err());
    String o = l.out();
    assertTrue(o.startsWith("title: openSUSE Leap 15.5\n"), o);
    int s3 = o.indexOf(" openSUSE Leap 15.5 (5.14.21-150500.55.44,");
    int s2 = o.indexOf("*openSUSE Leap 15.5 (5.14.21-150500.55.39,");
    assertTrue(s3 > 0 && s2 > s3, o);
    // Each lists the kernel of its snapshot's own default entry, read in the snapshot.
    assertTrue(o.substring(s3).startsWith(" openSUSE Leap 15.5 (5.14.21-150500.55.44,"), o);
    assertTrue(o.contains("kernel: /@/.snapshots/3/snapshot/boot/vmlinuz-5.14.21-150500.55.44-default\n"), o);
    assertTrue(o.contains("kernel: /@/.snapshots/2/snapshot/boot/vmlinuz-5.14.21-150500.55.39-default\n"), o);
  }

  @Test
  void theDefaultEntryBootsTheCurrentRoot() throws Exception {
    Matcher m = boot();
    assertEquals(kernelSum("/@/.snapshots/1/snapshot/boot/vmlinuz-5.14.21-150500.55.44-default"),
        sha256(Path.of(m.group(1))));
    assertTrue(!m.group(3).contains("rootflags"), m.group(3));
  }

  @Test
  void aSnapshotEntryBootsThatSnapshotsKernelWithItsRootflags() throws Exception {
    // Snapshot 2 ("after installation") is the submenu's second entry (newest first); its menu's
    // default entry is the kernel that was newest then, which the current root no longer has.
    Matcher m = boot("--entry=2>1");
    assertEquals(kernelSum("/@/.snapshots/2/snapshot/boot/vmlinuz-5.14.21-150500.55.39-default"),
        sha256(Path.of(m.group(1))));
    assertTrue(m.group(3).contains("rootflags=subvol=/@/.snapshots/2/snapshot"), m.group(3));
  }
}
