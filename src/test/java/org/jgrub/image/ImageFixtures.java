package org.jgrub.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.testutil.Fixtures;

/**
 * The disk image fixtures (fixtures/make-images.sh) and their oracle: virtual size and sha256 of
 * {@code qemu-img convert -O raw}, from images/MANIFEST.
 */
final class ImageFixtures {
  private ImageFixtures() {}

  record Oracle(String name, long size, String sha256) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Oracle> manifest() throws IOException {
    return oracles("images/MANIFEST");
  }

  /**
   * The differencing VHDs written by Xen Orchestra's vhd-lib (fixtures/make-vhd-diff.sh): the
   * chain as vhd-lib reads it, from images/VHD-DIFF.
   */
  static List<Oracle> vhdDiff() throws IOException {
    return oracles("images/VHD-DIFF");
  }

  private static List<Oracle> oracles(String file) throws IOException {
    List<Oracle> out = new ArrayList<>();
    for (String line : Files.readAllLines(Fixtures.ROOT.resolve(file), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      out.add(new Oracle(f[0], Long.parseLong(f[1]), f[2]));
    }
    return out;
  }

  /**
   * Places image {@code name} in {@code dir} with the files it names beside it: the sample
   * guest as "debian12-guest.img" (hard-linked, so its real path stays in {@code dir}), a
   * flat VMDK's extent and a differencing VHD's parents. Returns its path.
   */
  static Path place(String name, Path dir) throws IOException {
    Path img = dir.resolve(name);
    Files.copy(Fixtures.image("images/" + name + ".xz"), img);
    if (name.startsWith("overlay")) {
      Files.createLink(dir.resolve("debian12-guest.img"), Fixtures.sample());
    }
    if (name.endsWith("-flat.vmdk")) {
      String extent = name.replace(".vmdk", "-flat.vmdk");
      Files.createLink(dir.resolve(extent), Fixtures.image("images/" + extent + ".xz"));
    }
    if (name.startsWith("vhd-grandchild")) {
      Files.createLink(dir.resolve("vhd-child.vhd"), Fixtures.image("images/vhd-child.vhd.xz"));
    }
    if (name.startsWith("vhd-child") || name.startsWith("vhd-grandchild")) {
      Files.createLink(dir.resolve("vhd-parent.vhd"), Fixtures.image("images/vhd-parent.vhd.xz"));
    }
    return img;
  }
}
