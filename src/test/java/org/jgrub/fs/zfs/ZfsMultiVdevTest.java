package org.jgrub.fs.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Manifest;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/**
 * The 2-way mirror {@code mpool} and the 3-wide raidz1 {@code zpool3} (OpenZFS 2.1.11): whole,
 * with one device missing, and with one device's data area overwritten.
 */
class ZfsMultiVdevTest {
  /**
   * Where the damage goes: all of the allocatable area of the device (from the end of the front
   * labels and boot region at 4 MiB to the start of the back labels), so every block that
   * lives on it fails its checksum and must come from the other copy or from parity.
   */
  private static final long DATA_START = 4L << 20;

  private static List<BlockDevice> devices(String pool, int n) throws IOException {
    List<BlockDevice> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(RawImage.open(Fixtures.image("zfs/zfs-" + pool + "-" + i + ".img.xz")));
    }
    return out;
  }

  private static void check(List<BlockDevice> devs, String pool) throws IOException {
    ZfsPool p = ZfsPool.open(devs, org.jgrub.io.Bounds.DEFAULT);
    assertEquals(pool, p.name());
    assertEquals(pool + "/ROOT/debian", p.bootfs());
    Manifest m = Manifest.read(Fixtures.ROOT.resolve("zfs/zfs-" + pool + ".MANIFEST"));
    TreeCheck.compare(p.open(), m.under(pool + "/ROOT/debian:"), Set.of());
    TreeCheck.compare(p.open(pool), m.under(pool + ":"), Set.of());
  }

  @Test
  void mirrorWhole() throws IOException {
    check(devices("mpool", 2), "mpool");
  }

  @Test
  void mirrorEitherSideAlone() throws IOException {
    List<BlockDevice> d = devices("mpool", 2);
    check(List.of(d.get(0)), "mpool");
    check(List.of(d.get(1)), "mpool");
  }

  @Test
  void mirrorOneSideCorrupted() throws IOException {
    List<BlockDevice> d = devices("mpool", 2);
    check(List.of(new Damaged(d.get(0), DATA_START), d.get(1)), "mpool");
    check(List.of(d.get(0), new Damaged(d.get(1), DATA_START)), "mpool");
  }

  @Test
  void raidzWhole() throws IOException {
    check(devices("zpool3", 3), "zpool3");
  }

  @Test
  void raidzAnyOneMissing() throws IOException {
    List<BlockDevice> d = devices("zpool3", 3);
    for (int gone = 0; gone < 3; gone++) {
      List<BlockDevice> rest = new ArrayList<>(d);
      rest.remove(gone);
      check(rest, "zpool3");
    }
  }

  @Test
  void raidzAnyOneCorrupted() throws IOException {
    List<BlockDevice> d = devices("zpool3", 3);
    for (int bad = 0; bad < 3; bad++) {
      List<BlockDevice> mixed = new ArrayList<>(d);
      mixed.set(bad, new Damaged(d.get(bad), DATA_START));
      check(mixed, "zpool3");
    }
  }

  @Test
  void raidzTwoMissingIsAClearError() throws IOException {
    List<BlockDevice> d = devices("zpool3", 3);
    // The MOS has ditto copies and may survive; file data does not.
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> check(List.of(d.get(0)), "zpool3"));
    assertEquals(true, e.getMessage().contains("raidz1 of 3"), e.getMessage());
  }

  /** A device whose bytes from {@code from} to the back labels read as a repeating pattern. */
  static final class Damaged implements BlockDevice {
    private final BlockDevice inner;
    private final long from;

    Damaged(BlockDevice inner, long from) {
      this.inner = inner;
      this.from = from;
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
      int start = dst.position();
      int n = dst.remaining();
      inner.read(offset, dst);
      long end = inner.size() - (512L << 10);
      for (int i = 0; i < n; i++) {
        long at = offset + i;
        if (at >= from && at < end) {
          dst.put(start + i, (byte) (0xA5 ^ (at >>> 9)));
        }
      }
    }

    @Override
    public String describe() {
      return "damaged " + inner.describe();
    }
  }
}
