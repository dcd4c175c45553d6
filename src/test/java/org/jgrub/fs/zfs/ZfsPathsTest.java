package org.jgrub.fs.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.image.RawImage;
import org.jgrub.io.NotFoundException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.TreeCheck;
import org.junit.jupiter.api.Test;

/** GRUB 2's "/dataset@snapshot/path" syntax, and choosing a dataset on the rpool image. */
class ZfsPathsTest {
  @Test
  void splitForms() {
    assertEquals(new ZfsPaths.Split("ROOT/debian", null, "/boot/vmlinuz"),
        ZfsPaths.split("/ROOT/debian@/boot/vmlinuz"));
    assertEquals(new ZfsPaths.Split("ROOT/debian", "install", "/boot/vmlinuz"),
        ZfsPaths.split("/ROOT/debian@install/boot/vmlinuz"));
    assertEquals(new ZfsPaths.Split("", null, "/boot/grub/grub.cfg"),
        ZfsPaths.split("/@/boot/grub/grub.cfg"));
    assertEquals(new ZfsPaths.Split("ROOT/debian", "install", "/"),
        ZfsPaths.split("/ROOT/debian@install"));
    assertEquals(new ZfsPaths.Split(null, null, "/boot/vmlinuz"),
        ZfsPaths.split("/boot/vmlinuz"));
  }

  @Test
  void locateOnRealPool() throws IOException {
    try (RawImage dev = RawImage.open(Fixtures.image("zfs/zfs-rpool.img.xz"))) {
      ZfsFs boot = ZfsPool.open(List.of(dev), org.jgrub.io.Bounds.DEFAULT).open();
      ZfsPaths.Located head = ZfsPaths.locate(boot, "/ROOT/debian@/boot/grub/menu.lst");
      assertEquals("rpool/ROOT/debian", head.fs().dataset());
      ZfsPaths.Located snap = ZfsPaths.locate(boot, "/ROOT/debian@install/boot/grub/menu.lst");
      assertEquals("rpool/ROOT/debian@install", snap.fs().dataset());
      Node a = PathWalker.resolve(head.fs(), head.path());
      Node b = PathWalker.resolve(snap.fs(), snap.path());
      assertEquals(TreeCheck.sha256(head.fs(), a), TreeCheck.sha256(snap.fs(), b));
      // after-snapshot.txt was written after @install was taken (see the MANIFEST).
      ZfsPaths.Located later = ZfsPaths.locate(boot, "/ROOT/debian@/boot/grub/after-snapshot.txt");
      assertEquals("6762243ccb8eae4f2de27364b5432f8444ac00fd761604968cd3ce8d2c07bdd4",
          TreeCheck.sha256(later.fs(), PathWalker.resolve(later.fs(), later.path())));
      assertThrows(NotFoundException.class, () -> PathWalker.resolve(
          snap.fs(), ZfsPaths.split("/ROOT/debian@install/boot/grub/after-snapshot.txt").path()));
      ZfsFs zstd = boot.withDataset("rpool/data/zstd");
      assertEquals("rpool/data/zstd", zstd.dataset());
      assertThrows(NotFoundException.class, () -> boot.withDataset("rpool/nope"));
      assertThrows(NotFoundException.class, () -> boot.withDataset("rpool/ROOT/debian@nope"));
      assertThrows(NotFoundException.class, () -> boot.withDataset("other/ROOT"));
    }
  }
}
