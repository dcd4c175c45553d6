package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Submenu;
import org.junit.jupiter.api.Test;

/** Ubuntu 22.04's grub.cfg: hidden menu, recordfail, gfxmode/vt_handoff, the Advanced submenu. */
class Grub2UbuntuTest {
  static final String DEV = "hd0,gpt1";
  static final String UUID = "8c1f2a3b-4d5e-4f60-a1b2-c3d4e5f60718";

  static Menu parse(MapFiles files) throws Exception {
    byte[] cfg = Files.readAllBytes(MapFiles.resourcePath("configs/grub2/ubuntu-22.04.cfg"));
    return new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub/grub.cfg", cfg), files);
  }

  @Test
  void normalBootHidesTheMenuAndHandsOverTheConsole() throws Exception {
    Menu m = parse(new MapFiles(DEV).uuid(DEV, UUID));
    assertTrue(m.hidden());
    assertEquals(0, m.timeoutSeconds());
    assertEquals("0", m.defaultSpec());
    Entry e = DefaultChooser.choose(m).entry();
    assertEquals("Ubuntu", e.title());
    // gfxmode keep (no gfxblacklist.txt) sets vt_handoff inside the entry before linux runs.
    assertEquals("root=UUID=" + UUID + " ro  console=tty1 console=ttyS0 vt.handoff=7".replace("  ", " "),
        e.args());
    Submenu adv = (Submenu) m.items().get(1);
    assertEquals(4, adv.items().size());
    Entry recovery = (Entry) adv.items().get(1);
    assertEquals("Ubuntu, with Linux 5.15.0-91-generic (recovery mode)", recovery.title());
    assertEquals("root=UUID=" + UUID + " ro recovery nomodeset dis_ucode_ldr console=tty1 console=ttyS0",
        recovery.args());
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
  }

  @Test
  void afterAFailedBootTheMenuShowsFor30SecondsInTextMode() throws Exception {
    MapFiles f = new MapFiles(DEV).uuid(DEV, UUID)
        .resource(DEV, "/boot/grub/grubenv", "configs/grub2/ubuntu-recordfail.grubenv");
    Menu m = parse(f);
    assertFalse(m.hidden());
    assertEquals(30, m.timeoutSeconds());
    Entry e = (Entry) m.items().get(0);
    assertEquals("root=UUID=" + UUID + " ro console=tty1 console=ttyS0", e.args());
  }

  @Test
  void gfxblacklistOnXenKeepsTheGraphicsMode() throws Exception {
    // [ ${grub_platform} != pc ] is true on Xen, so hwmatch (a PC-only command) never runs.
    MapFiles f = new MapFiles(DEV).uuid(DEV, UUID).put(DEV, "/boot/grub/gfxblacklist.txt", "x\n");
    Menu m = parse(f);
    assertTrue(((Entry) m.items().get(0)).args().endsWith("vt.handoff=7"));
    assertTrue(m.warnings().isEmpty(), m.warnings().toString());
  }
}
