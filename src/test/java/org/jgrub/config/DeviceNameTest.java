package org.jgrub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every device syntax GRUB 2, GRUB legacy and pygrub accept, parsed and printed. */
class DeviceNameTest {
  private static String g2(String s) {
    return DeviceName.parse(s).map(DeviceName::toString).orElse("<none>");
  }

  private static String legacy(String s) {
    return DeviceName.parseLegacy(s).map(DeviceName::toString).orElse("<none>");
  }

  @Test
  void grub2NamesWithEveryPartitionMap() {
    assertEquals("hd0", g2("(hd0)"));
    assertEquals("hd0,msdos1", g2("(hd0,msdos1)"));
    assertEquals("hd0,gpt2", g2("hd0,gpt2"));
    assertEquals("hd0,1", g2("(hd0,1)"));
    assertEquals("hd0,msdos1,sunpc1", g2("(hd0,msdos1,sunpc1)"));
    assertEquals("hd1,msdos5,bsd1", g2("hd1,msdos5,bsd1"));
    for (String map : List.of("msdos", "gpt", "bsd", "sunpc", "sun", "apple", "dvh")) {
      DeviceName n = DeviceName.parse("(hd0," + map + "3)").orElseThrow();
      assertEquals(List.of(new DeviceName.Part(map, 3)), n.parts());
    }
    assertEquals("cd", g2("(cd)"));
    assertEquals("fd0", g2("fd0"));
    assertEquals("hd10,gpt128", g2(" (hd10,gpt128) "));
  }

  @Test
  void volumeManagerNamesAreDisks() {
    assertEquals("lvm/VG-LV", g2("(lvm/VG-LV)"));
    assertEquals(List.of(), DeviceName.parse("lvm/VG-LV").orElseThrow().parts());
    assertEquals("lvmid/AbCd-123/EfGh-456", g2("lvmid/AbCd-123/EfGh-456"));
    assertEquals("md/NAME", g2("(md/NAME)"));
    assertEquals("md0", g2("md0"));
    assertEquals("md/boot,msdos1", g2("(md/boot,msdos1)"));
    // GRUB's id names, as grub-mkconfig writes them in set root= and search --hint=.
    DeviceName id =
        DeviceName.parse("'lvmid/GfRbqv-1Xwz-c4Ld-Ip0v-9kNf-QhAi-8ZtH3Y/Yx1wq3-aK0L-2bQe-Zd8M-fHs4-P9tr-uVn2Wc'"
            .replace("'", "")).orElseThrow();
    assertEquals("lvmid/GfRbqv-1Xwz-c4Ld-Ip0v-9kNf-QhAi-8ZtH3Y/Yx1wq3-aK0L-2bQe-Zd8M-fHs4-P9tr-uVn2Wc",
        id.disk());
    assertTrue(id.whole());
    assertEquals("mduuid/00a1642d864706bf3b53137cc4cd7714", g2("(mduuid/00a1642d864706bf3b53137cc4cd7714)"));
    DeviceName md = DeviceName.parse("(mduuid/00a1642d864706bf3b53137cc4cd7714,msdos1)").orElseThrow();
    assertEquals("mduuid/00a1642d864706bf3b53137cc4cd7714", md.disk());
    assertEquals(List.of(new DeviceName.Part("msdos", 1)), md.parts());
    assertTrue(DeviceName.parse("mduuid/00a1642d864706bf3b53137cc4cd7714,1").orElseThrow().denotes(md));
    // A backslash-escaped comma belongs to the disk name (device.c).
    assertEquals("lvm/vg\\,x", DeviceName.parse("lvm/vg\\,x").orElseThrow().disk());
  }

  @Test
  void linuxNamesAsPygrubAndConvertedGuestsWriteThem() {
    assertEquals("hd0,1", g2("/dev/xvda1"));
    assertEquals("hd1", g2("/dev/xvdb"));
    assertEquals("hd0,2", g2("/dev/sda2"));
    assertEquals("hd0,3", g2("/dev/hda3"));
    assertEquals("hd0,msdos1", g2("(/dev/xvda,msdos1)"));
    assertEquals("<none>", g2("/dev/mapper/vg-root"));
    assertEquals("<none>", g2("/dev/xvd"));
  }

  @Test
  void grubLegacyCountsFromZeroAndNamesSlicesByLetter() {
    assertEquals("hd0,1", legacy("(hd0,0)"));
    assertEquals("hd0", legacy("hd0"));
    assertEquals("hd0,1,1", legacy("hd0,0,a"));
    assertEquals("hd0,2,3", legacy("(hd0,1,c)"));
    assertEquals("hd0,msdos1", legacy("hd0,msdos1"));
    assertEquals("hd0,1", legacy("/dev/xvda1"));
    assertEquals("<none>", legacy("hd0,0,a,b"));
    assertEquals("<none>", legacy("hd0,x"));
    assertEquals("hd0,1", DeviceName.parse("hd0,msdos2").orElseThrow().toLegacy());
    assertEquals("hd0", DeviceName.parse("hd0").orElseThrow().toLegacy());
  }

  @Test
  void malformedNamesAreNoNames() {
    for (String bad :
        List.of("", "()", "(,1)", "hd0,", "hd0,msdos", "hd0,1x", "hd0,msdos-1", "hd0,9999999999",
            "hd0,,1")) {
      assertEquals(Optional.empty(), DeviceName.parse(bad), bad);
    }
  }

  @Test
  void aShortNameDenotesTheScannersVolumeByNumbers() {
    DeviceName msdos1 = DeviceName.parse("hd0,msdos1").orElseThrow();
    DeviceName slice = DeviceName.parse("hd0,msdos1,sunpc1").orElseThrow();
    assertTrue(DeviceName.parse("hd0,1").orElseThrow().denotes(msdos1));
    assertTrue(DeviceName.parse("hd0,gpt1").orElseThrow().denotes(msdos1));
    assertTrue(DeviceName.parse("hd0,1").orElseThrow().denotes(slice));
    assertTrue(DeviceName.parseLegacy("hd0,0,a").orElseThrow().denotes(slice));
    assertFalse(DeviceName.parseLegacy("hd0,0,b").orElseThrow().denotes(slice));
    assertFalse(DeviceName.parse("hd1,1").orElseThrow().denotes(msdos1));
    assertFalse(DeviceName.parse("hd0").orElseThrow().denotes(msdos1));
    assertFalse(DeviceName.parse("hd0,1,1").orElseThrow().denotes(msdos1));
  }
}
