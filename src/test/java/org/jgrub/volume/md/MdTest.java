package org.jgrub.volume.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.testutil.Fixtures;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;
import org.junit.jupiter.api.Test;

/**
 * Arrays made by mdadm and written by the Linux md driver in a VM (fixtures/make-md.sh): every
 * array, assembled from the members on the one disk, reads the bytes the kernel read from it
 * (size and sha256 of the whole array device, recorded in the VM as NAME.arrays).
 */
class MdTest {
  private static final Path DIR = Fixtures.ROOT.resolve("md");

  /** GRUB's name of each array in md-levels.img, by the /dev/mdN the VM made it as. */
  private static final Map<String, String> LEVELS = new LinkedHashMap<>();

  static {
    LEVELS.put("/dev/md9", "md/md9"); // raid1 0.90, one member of two
    LEVELS.put("/dev/md10", "md/boot"); // raid1 1.2
    LEVELS.put("/dev/md11", "md/r1v10"); // raid1 1.0
    LEVELS.put("/dev/md12", "md/r1v11"); // raid1 1.1
    LEVELS.put("/dev/md13", "md/r0");
    LEVELS.put("/dev/md14", "md/r10n");
    LEVELS.put("/dev/md15", "md/r10f");
    LEVELS.put("/dev/md16", "md/r10o");
    LEVELS.put("/dev/md17", "md/r5ls");
    LEVELS.put("/dev/md18", "md/r5la");
    LEVELS.put("/dev/md19", "md/r6");
    LEVELS.put("/dev/md20", "md/r4");
    LEVELS.put("/dev/md21", "md/lin");
  }

  static String sha256(BlockDevice d) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      for (long at = 0; at < d.size(); at += b.limit()) {
        b.clear();
        b.limit((int) Math.min(b.capacity(), d.size() - at));
        d.read(at, b);
        md.update(b.array(), 0, b.limit());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** "/dev/mdN" → {size, sha256} as the kernel read the array. */
  static Map<String, String[]> oracle(String image) throws IOException {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DIR.resolve(image + ".arrays"))) {
      String[] f = line.split(" ");
      m.put(f[0], new String[] {f[2], f[3]});
    }
    return m;
  }

  static Volume byName(VolumeScan s, String name) {
    for (Volume v : s.volumes()) {
      if (v.grubName().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name + " in " + s.volumes().stream().map(Volume::grubName).toList()
        + "; notes " + s.notes());
  }

  @Test
  void everyLevelReadsTheBytesLinuxRead() throws IOException {
    Map<String, String[]> o = oracle("md-levels");
    try (BlockDevice disk = RawImage.open(Fixtures.image("md/md-levels.img.xz"))) {
      VolumeScan s = VolumeScanner.scan(disk);
      for (Map.Entry<String, String> e : LEVELS.entrySet()) {
        Volume v = byName(s, e.getValue());
        String[] want = o.get(e.getKey());
        assertEquals(Long.parseLong(want[0]), v.device().size(), e.getValue() + " size");
        assertEquals(want[1], sha256(v.device()), e.getValue() + " sha256");
      }
    }
  }
}
