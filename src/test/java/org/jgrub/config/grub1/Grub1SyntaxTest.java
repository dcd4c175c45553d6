package org.jgrub.config.grub1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Password;
import org.jgrub.config.Submenu;
import org.jgrub.config.text.MemGuestFiles;
import org.junit.jupiter.api.Test;

/** Single GRUB legacy rules (stage2 behaviour) on small hand-written menus. */
class Grub1SyntaxTest {
  private static Menu parse(String text) throws Exception {
    return parse(new MemGuestFiles("hd0,msdos1"), text);
  }

  private static Menu parse(MemGuestFiles files, String text) throws Exception {
    files.put("hd0,msdos1", "/boot/grub/menu.lst", text.getBytes(StandardCharsets.UTF_8));
    return new Grub1Parser().parse(files.config("/boot/grub/menu.lst"), files);
  }

  private static Entry entry(Menu m, int i) {
    return (Entry) m.items().get(i);
  }

  @Test
  void equalsFormsAsSkipToAcceptsThem() throws Exception {
    Menu m = parse("default=1\ntimeout = 3\ntitle=One\nkernel=/vmlinuz-1 ro\ntitle Two\n"
        + "root=(hd0,1)\nkernel /vmlinuz-2 root=/dev/xvda2\ninitrd=/initrd-2\n");
    assertEquals("1", m.defaultSpec());
    assertEquals(3, m.timeoutSeconds());
    assertEquals("One", m.items().get(0).title());
    assertEquals("/vmlinuz-1", entry(m, 0).kernel());
    assertEquals("ro", entry(m, 0).args());
    assertEquals(Optional.of("hd0,1"), entry(m, 1).root());
    assertEquals(List.of("/initrd-2"), entry(m, 1).initrds());
  }

  @Test
  void titleWithoutCommandsIsDroppedAndUnknownCommandsSkipped() throws Exception {
    Menu m = parse("title Empty\ntitle Real\n  frobnicate now\n  kernel /vmlinuz\n");
    assertEquals(1, m.items().size());
    assertEquals("Real", m.items().get(0).title());
    assertEquals(2, m.warnings().size());
    assertTrue(m.warnings().get(0).message().contains("no commands"));
    assertTrue(m.warnings().get(1).message().contains("frobnicate"));
  }

  @Test
  void hashOnlyStartsACommentAtTheStartOfALine() throws Exception {
    Menu m = parse("  # comment\ntitle A#B\n\tkernel /vmlinuz quiet #notacomment\n");
    assertEquals("A#B", m.items().get(0).title());
    assertEquals("quiet #notacomment", entry(m, 0).args());
  }

  @Test
  void defaultPastTheEndAndGarbageDefaultFallBackToZero() throws Exception {
    assertEquals("0", parse("default 7\ntitle A\nkernel /a\n").defaultSpec());
    // Past the end: the first fallback that exists (stage2), which is then used up.
    Menu fb = parse("default 7\nfallback 9 1 0\ntitle A\nkernel /a\ntitle B\nkernel /b\n");
    assertEquals("1", fb.defaultSpec());
    assertEquals(Optional.of("0"), fb.fallback());
    assertEquals("0", parse("default first\ntitle A\nkernel /a\n").defaultSpec());
    assertEquals("1", parse("default 0x1\ntitle A\nkernel /a\ntitle B\nkernel /b\n").defaultSpec());
    assertEquals("", parse("title A\nkernel /a\n").defaultSpec());
    assertEquals(-1, parse("title A\nkernel /a\n").timeoutSeconds());
  }

  @Test
  void passwordsLockAndFallback() throws Exception {
    Menu m = parse("password --md5 $1$gLhU0/$aW78kHK1QfV3P2b2znUoe/ /boot/grub/admin.lst\n"
        + "fallback 1 2\ntitle A\nlock\nkernel /a\ntitle B\nkernel /b\ntitle C\npassword x\n"
        + "kernel /c\n");
    assertEquals(Optional.of(new Password("md5", "$1$gLhU0/$aW78kHK1QfV3P2b2znUoe/", "",
        List.of())), m.password());
    assertEquals(Optional.of("1"), m.fallback());
    assertFalse(entry(m, 0).unrestricted());
    assertTrue(entry(m, 1).unrestricted());
    assertFalse(entry(m, 2).unrestricted());
    assertTrue(m.warnings().get(0).message().contains("admin.lst"));
    assertEquals("plain", parse("password secret\ntitle A\nkernel /a\n").password().get().scheme());
  }

  @Test
  void configfileBeforeAnyTitleReplacesTheMenu() throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .put("hd0,msdos2", "/grub/menu.lst",
            "timeout 2\ntitle Inner\nkernel /inner\n".getBytes(StandardCharsets.UTF_8));
    Menu m = parse(files, "timeout 9\nconfigfile (hd0,1)/grub/menu.lst\ntitle Never\nkernel /x\n");
    assertEquals(1, m.items().size());
    assertEquals("Inner", m.items().get(0).title());
    assertEquals(2, m.timeoutSeconds());
    // Entries read from another partition carry that partition as their root.
    assertEquals(Optional.of("hd0,1"), entry(m, 0).root());
  }

  @Test
  void configfileLoopsAndDepthAreBounded() throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1");
    Menu m = parse(files, "title Again\nconfigfile /boot/grub/menu.lst\ntitle A\nkernel /a\n");
    assertEquals(List.of(), ((Submenu) m.items().get(0)).items());
    assertTrue(m.warnings().get(0).message().contains("loops back"));
    // A chain of 20 distinct files: read down to includeDepth (8), then a warning.
    for (int i = 0; i < 20; i++) {
      files.put("hd0,msdos1", "/m" + i, ("title T" + i + "\nconfigfile /m" + (i + 1) + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    Menu deep = parse(files, "title Start\nconfigfile /m0\n");
    int levels = 0;
    Submenu s = (Submenu) deep.items().get(0);
    while (!s.items().isEmpty()) {
      s = (Submenu) s.items().get(0);
      levels++;
    }
    assertEquals(8, levels);
    assertTrue(deep.warnings().get(0).message().contains("deeper than 8"));
  }

  @Test
  void chainloaderAndBsdKernelsAreNotLinux() throws Exception {
    Menu m = parse("title W\nrootnoverify (hd0,0)\nmakeactive\nchainloader --force +1\n"
        + "title B\nroot (hd0,2,a)\nkernel --type=freebsd /boot/loader\n"
        + "title X\nkernel --type=multiboot /boot/xen.gz\n");
    assertEquals(Entry.Kind.OTHER, entry(m, 0).kind());
    assertEquals("+1", entry(m, 0).kernel());
    assertEquals(Entry.Kind.OTHER, entry(m, 1).kind());
    assertEquals(Optional.of("hd0,2,a"), entry(m, 1).root());
    assertEquals(Entry.Kind.MULTIBOOT, entry(m, 2).kind());
    assertEquals("/boot/xen.gz", entry(m, 2).kernel());
  }

  @Test
  void crlfAndTabsAreReadAsStage2ReadsThem() throws Exception {
    Menu m = parse("title\tTabbed\r\n\tkernel\t/vmlinuz\troot=/dev/xvda1\r\n");
    assertEquals("Tabbed", m.items().get(0).title());
    assertEquals("root=/dev/xvda1", entry(m, 0).args());
  }

  @Test
  void deviceNamesMapBetweenGrubLegacyAndGrub2() {
    List<String> devs = List.of("hd0", "hd0,msdos1", "hd0,msdos5", "hd1,gpt2");
    assertEquals(Optional.of("hd0,msdos5"), Grub1Devices.toGuestDevice("hd0,4", devs));
    assertEquals(Optional.of("hd1,gpt2"), Grub1Devices.toGuestDevice("hd1,1", devs));
    assertEquals(Optional.of("hd0"), Grub1Devices.toGuestDevice("hd0", devs));
    assertEquals(Optional.empty(), Grub1Devices.toGuestDevice("hd0,1", devs));
    assertEquals(Optional.empty(), Grub1Devices.toGuestDevice("hd0,0,a", devs));
    assertEquals("hd0,4", Grub1Devices.toLegacy("hd0,msdos5"));
    assertEquals("hd0", Grub1Devices.toLegacy("hd0"));
  }

  @Test
  void solarisSliceLettersMapToSunpcSlices() {
    // A Solaris partition's volumes: root slice first, then the boot slice (s8).
    List<String> devs = List.of("hd0,msdos1,sunpc1", "hd0,msdos1,sunpc9", "hd0,msdos2");
    assertEquals(Optional.of("hd0,msdos1,sunpc1"), Grub1Devices.toGuestDevice("hd0,0,a", devs));
    assertEquals(Optional.of("hd0,msdos1,sunpc9"), Grub1Devices.toGuestDevice("hd0,0,i", devs));
    assertEquals(Optional.of("hd0,msdos1,sunpc1"), Grub1Devices.toGuestDevice("hd0,0", devs));
    assertEquals(Optional.of("hd0,msdos2"), Grub1Devices.toGuestDevice("hd0,1", devs));
    assertEquals(Optional.empty(), Grub1Devices.toGuestDevice("hd0,0,c", devs));
    assertEquals(Optional.empty(), Grub1Devices.toGuestDevice("hd0,1,a", devs));
    assertEquals(Optional.empty(), Grub1Devices.toGuestDevice("hd0,0,?", devs));
    assertEquals("hd0,1,3", org.jgrub.config.DeviceName.parseLegacy("hd0,0,c").orElseThrow().toString());
    assertEquals(
        "hd0,1,sunpc3", org.jgrub.config.DeviceName.parseLegacy("hd0,0,sunpc3").orElseThrow().toString());
  }
}
