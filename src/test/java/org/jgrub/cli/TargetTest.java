package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The VOLUME of {@code jgrub ls/cat/cp} in every spelling GRUB 2, GRUB legacy, pygrub and Linux
 * use, read by {@link org.jgrub.config.DeviceName}: on the split-boot guest (sfdisk, mke2fs) the
 * root filesystem is partition 1, on lvm-mbr (lvm2) the boot LV is lvm/vg0-boot.
 */
class TargetTest {
  @AfterEach
  void clearName() {
    System.clearProperty(Tools.PROG_PROPERTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1:/etc/hostname", "hd0,msdos1:/etc/hostname", "hd0,1:/etc/hostname",
      "(hd0,msdos1):/etc/hostname", "(hd0,msdos1)/etc/hostname", "(hd0,1)/etc/hostname",
      "hd0,0:/etc/hostname", "(hd0,0)/etc/hostname", "/dev/xvda1:/etc/hostname",
      "(/dev/xvda,msdos1)/etc/hostname", "/dev/sda1:/etc/hostname"})
  void everySpellingOfPartitionOne(String target) throws IOException {
    ToolsTest.Run r = ToolsTest.run("jgrub", "cat", ToolsTest.splitBoot(), target);
    assertEquals(0, r.status(), r.err());
    assertEquals("root filesystem\n", r.text());
  }

  @Test
  void lvmLogicalVolumesByGrubName() throws IOException {
    String img = Fixtures.image("lvm/lvm-mbr.img.xz").toString();
    ToolsTest.Run a = ToolsTest.run("jgrub", "ls", img, "lvm/vg0-boot:/");
    ToolsTest.Run b = ToolsTest.run("jgrub", "ls", img, "(lvm/vg0-boot)/");
    ToolsTest.Run c = ToolsTest.run("jgrub", "ls", img, "lvm/vg0-root:/");
    assertEquals(0, a.status(), a.err());
    assertEquals(a.text(), b.text());
    assertEquals(0, c.status(), c.err());
    assertTrue(!a.text().equals(c.text()), a.text() + " / " + c.text());
    // GRUB's id name, from the ids lvm2 chose (fixtures/make-lvm.sh records them).
    String[] ids = java.nio.file.Files.readString(Fixtures.ROOT.resolve("lvm/lvm-mbr.img.ids"))
        .trim().split(" ");
    ToolsTest.Run d = ToolsTest.run("jgrub", "ls", img, "(lvmid/" + ids[1] + "/" + ids[3] + ")/");
    assertEquals(0, d.status(), d.err());
    assertEquals(a.text(), d.text());
  }

  /** The device of the prefix grub-install wrote (grub-lvm-md/NAME.oracle), without parentheses. */
  private static String prefixDevice(String name) throws IOException {
    String p = java.nio.file.Files.readAllLines(Fixtures.ROOT.resolve("grub-lvm-md/" + name + ".oracle"))
        .stream().filter(l -> l.startsWith("prefix=(")).findFirst().orElseThrow();
    return p.substring("prefix=(".length(), p.indexOf(')'));
  }

  @Test
  void volumeManagersDevicesByGrubsUuidNames() throws IOException {
    String lvm = Fixtures.image("grub-lvm-md/bios-lvm-root.img.xz").toString();
    String lvmid = prefixDevice("bios-lvm-root");
    assertTrue(lvmid.startsWith("lvmid/"), lvmid);
    ToolsTest.Run a = ToolsTest.run("jgrub", "ls", lvm, "lvm/vg0-root:/boot/grub");
    ToolsTest.Run b = ToolsTest.run("jgrub", "ls", lvm, "(" + lvmid + ")/boot/grub");
    assertEquals(0, a.status(), a.err());
    assertEquals(0, b.status(), b.err());
    assertEquals(a.text(), b.text());
    assertTrue(a.text().contains("grub.cfg"), a.text());
    String md = Fixtures.image("grub-lvm-md/bios-md-boot.img.xz").toString();
    String mduuid = prefixDevice("bios-md-boot");
    assertTrue(mduuid.startsWith("mduuid/"), mduuid);
    ToolsTest.Run c = ToolsTest.run("jgrub", "cat", md, "md/0:/grub/grub.cfg");
    ToolsTest.Run d = ToolsTest.run("jgrub", "cat", md, mduuid + ":/grub/grub.cfg");
    assertEquals(0, c.status(), c.err());
    assertEquals(0, d.status(), d.err());
    assertEquals(c.text(), d.text());
    ToolsTest.Run e = ToolsTest.run("jgrub", "ls", md, "mduuid/00000000000000000000000000000000:/");
    assertEquals(1, e.status());
    assertTrue(e.err().contains("has no volume mduuid/00000000000000000000000000000000"), e.err());
  }

  @Test
  void namesThatNameNothingSaySo() throws IOException {
    ToolsTest.Run r = ToolsTest.run("jgrub", "ls", ToolsTest.splitBoot(), "hd0,9:/");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("has no volume hd0,9 (written hd0,9;"), r.err());
    ToolsTest.Run g = ToolsTest.run("jgrub", "ls", ToolsTest.splitBoot(), "hd0,x:/");
    assertEquals(1, g.status());
    assertTrue(g.err().contains("is not a volume name"), g.err());
    ToolsTest.Run w = ToolsTest.run("jgrub", "ls", ToolsTest.splitBoot(), "/dev/xvdb1:/");
    assertEquals(1, w.status());
    assertTrue(w.err().contains("has no volume hd1,1"), w.err());
  }

  @Test
  void runasTakesAUidWrittenWithEquals() throws IOException {
    for (String cmd : new String[] {"inspect", "ls", "cat", "cp"}) {
      ToolsTest.Run r = ToolsTest.run("jgrub", cmd, "--runas", "65534", ToolsTest.splitBoot(), "/",
          "/tmp");
      assertEquals(1, r.status(), cmd);
      assertTrue(r.err().contains(cmd + ": write --runas=UID"), r.err());
      ToolsTest.Run n = ToolsTest.run("jgrub", cmd, "--runas=nobody", ToolsTest.splitBoot(), "/",
          "/tmp");
      assertEquals(1, n.status(), cmd);
      assertTrue(n.err().contains("runas value must be an integer user id"), n.err());
    }
  }
}
