package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Entry;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;
import org.jgrub.config.Submenu;
import org.junit.jupiter.api.Test;

/**
 * openSUSE's btrfs path rules on the configurations openSUSE's generators wrote
 * (fixtures/make-opensuse-snapper.sh), with the files placed where GRUB reads them from the top
 * level: the root's grub.cfg in the default subvolume, /.snapshots in the subvolume @/.snapshots.
 */
class BtrfsSubvolTest {
  private static final String DEV = "hd0,msdos1";
  private static final Path DIR = Path.of("src/test/resources/fixtures/opensuse-snapper");

  private static byte[] file(String name) throws Exception {
    return Files.readAllBytes(DIR.resolve(name));
  }

  /** The generated files; snapshot 2's grub.cfg is the root's (what matters is where it is). */
  private static MapFiles files() throws Exception {
    return new MapFiles(DEV)
        .put(DEV, "/boot/grub2/grub.cfg", file("root-grub.cfg"))
        .put(DEV, "/@/.snapshots/grub-snapshot.cfg", file("grub-snapshot.cfg"))
        .put(DEV, "/@/.snapshots/2/grub-snapshot.cfg", file("2-grub-snapshot.cfg"))
        .put(DEV, "/@/.snapshots/2/snapshot/boot/grub2/grub.cfg", file("root-grub.cfg"));
  }

  private static Menu parse(MapFiles f) throws Exception {
    return new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub2/grub.cfg", file("root-grub.cfg")), f);
  }

  @Test
  void aSnapshotEntryReadsItsMenuInTheSnapshotThroughTheMountedSnapshotsSubvolume() throws Exception {
    Menu m = parse(files());
    Submenu snaps = (Submenu) m.items().get(m.items().size() - 1);
    assertEquals("Start bootloader from a read-only snapshot", snaps.title());
    // Snapshot 3 has no grub-snapshot.cfg here: only snapshot 2 is offered.
    assertEquals(1, snaps.items().size(), snaps.items().toString());
    Entry e = (Entry) snaps.items().get(0);
    assertEquals(Entry.Kind.LINUX, e.kind());
    assertEquals("/@/.snapshots/2/snapshot/boot/vmlinuz-5.14.21-150500.55.44-default", e.kernel());
    assertTrue(e.args().endsWith("rootflags=subvol=/@/.snapshots/2/snapshot"), e.args());
    // The current entries stay relative to the default subvolume the configuration is read in.
    assertEquals("/boot/vmlinuz-5.14.21-150500.55.44-default", ((Entry) m.items().get(0)).kernel());
  }

  @Test
  void withoutTheMountTheSnapshotsAreNotFound() throws Exception {
    // Files at /.snapshots of the default subvolume (where Linux mounts @/.snapshots) are not
    // where GRUB reads them once btrfs-mount-subvol mapped /.snapshots to @/.snapshots.
    MapFiles f = new MapFiles(DEV)
        .put(DEV, "/.snapshots/grub-snapshot.cfg", file("grub-snapshot.cfg"))
        .put(DEV, "/.snapshots/2/grub-snapshot.cfg", file("2-grub-snapshot.cfg"));
    Menu m = parse(f);
    assertTrue(m.items().stream().noneMatch(i -> i instanceof Submenu s && s.title().startsWith("Start")),
        m.items().toString());
  }

  @Test
  void relativePathsOffLeaveEveryPathFromTheTopLevel() throws Exception {
    String cfg = "set btrfs_relative_path=n\nbtrfs-mount-subvol ($root) /.snapshots @/.snapshots\n"
        + "menuentry 'x' { btrfs_subvol=/@/a\n linux /.snapshots/vmlinuz\n initrd /b/initrd\n }\n";
    MapFiles f = new MapFiles(DEV);
    Menu m = new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub2/grub.cfg", cfg.getBytes()), f);
    Entry e = (Entry) m.items().get(0);
    assertEquals("/.snapshots/vmlinuz", e.kernel());
    assertEquals(List.of("/b/initrd"), e.initrds());
    String on = cfg.replace("=n", "=y");
    Entry e2 = (Entry) new Grub2Parser()
        .parse(new ConfigFile(DEV, "/boot/grub2/grub.cfg", on.getBytes()), f).items().get(0);
    assertEquals("/@/.snapshots/vmlinuz", e2.kernel()); // the mount first
    assertEquals(List.of("/@/a/b/initrd"), e2.initrds()); // then btrfs_subvol
  }

  @Test
  void anEditedSnapshotEntryStillReadsThroughTheMount() throws Exception {
    MapFiles f = files();
    Menu m = parse(f);
    Submenu snaps = (Submenu) m.items().get(m.items().size() - 1);
    Entry e = (Entry) snaps.items().get(0);
    Loaded l = Grub2Format.INSTANCE.load(m, e, e.lines(), f);
    assertEquals(Entry.Kind.LINUX, l.kind(), l.toString());
    assertEquals("/@/.snapshots/2/snapshot/boot/vmlinuz-5.14.21-150500.55.44-default", l.kernel());
  }
}
