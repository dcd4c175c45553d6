package org.jgrub.config.syslinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.text.MemGuestFiles;
import org.junit.jupiter.api.Test;

/** Single syslinux rules (readconfig.c behaviour) on small hand-written configs. */
class SyslinuxSyntaxTest {
  private static Menu parse(String text) throws Exception {
    return parse(new MemGuestFiles("hd0,msdos1"), text);
  }

  private static Menu parse(MemGuestFiles files, String text) throws Exception {
    files.put("hd0,msdos1", "/boot/syslinux/syslinux.cfg", text.getBytes(StandardCharsets.UTF_8));
    return new SyslinuxParser().parse(files.config("/boot/syslinux/syslinux.cfg"), files);
  }

  private static Entry entry(Menu m, int i) {
    return (Entry) m.items().get(i);
  }

  @Test
  void kernelMbootC32FormAsPygrubReadsIt() throws Exception {
    Menu m = parse("default xe\nprompt 1\ntimeout 50\nlabel xe\n  kernel mboot.c32\n"
        + "  append /boot/xen.gz dom0_mem=752M --- /boot/vmlinuz-xen root=LABEL=root ro --- "
        + "/boot/initrd-xen.img\n");
    Entry e = entry(m, 0);
    assertEquals(Entry.Kind.MULTIBOOT, e.kind());
    assertEquals("/boot/vmlinuz-xen", e.kernel());
    assertEquals("root=LABEL=root ro", e.args());
    assertEquals(List.of("/boot/initrd-xen.img"), e.initrds());
    assertEquals("0", m.defaultSpec());
    assertEquals(5, m.timeoutSeconds());
    assertFalse(m.hidden());
  }

  @Test
  void globalAppendDashAndInitrdPlacement() throws Exception {
    Menu m = parse("APPEND console=hvc0\nLABEL a\nKERNEL /a\nLABEL b\nKERNEL /b\nAPPEND -\n"
        + "LABEL c\nLINUX /c\nAPPEND x initrd=/i1,/i2 y initrd=/i3\nINITRD /i4\n");
    assertEquals("console=hvc0", entry(m, 0).args());
    assertEquals("", entry(m, 1).args());
    // The first initrd= word wins (kernel.c uses strstr); INITRD's word comes last.
    assertEquals(List.of("/i1", "/i2"), entry(m, 2).initrds());
    assertEquals("x y", entry(m, 2).args());
    assertTrue(m.warnings().get(0).message().contains("several initrd="));
  }

  @Test
  void keywordsAreCaseInsensitiveAndLabelIsTheKernelWhenNoneIsGiven() throws Exception {
    Menu m = parse("dEfAuLt vmlinuz\nLaBeL vmlinuz\n  aPpEnD root=/dev/xvda1\n");
    assertEquals("/boot/syslinux/vmlinuz", entry(m, 0).kernel());
    assertEquals("root=/dev/xvda1", entry(m, 0).args());
    // No UI module and PROMPT 0: the default boots at once.
    assertEquals(0, m.timeoutSeconds());
    assertTrue(m.hidden());
  }

  @Test
  void implicitDefaultWithoutLabels() throws Exception {
    Menu m = parse("DEFAULT /vmlinuz root=/dev/xvda1 initrd=/initrd.img\nTIMEOUT 1\n");
    assertEquals(1, m.items().size());
    assertEquals("/vmlinuz", entry(m, 0).kernel());
    assertEquals(List.of("/initrd.img"), entry(m, 0).initrds());
    assertEquals("root=/dev/xvda1", entry(m, 0).args());
  }

  @Test
  void defaultLabelBeatsMenuDefaultAndOntimeoutBeatsBoth() throws Exception {
    String base = "UI menu.c32\nLABEL a\nKERNEL /a\nLABEL b\nMENU DEFAULT\nKERNEL /b\n"
        + "LABEL c\nKERNEL /c\n";
    assertEquals("1", parse(base).defaultSpec());
    assertEquals("2", parse(base + "DEFAULT c\n").defaultSpec());
    assertEquals("0", parse(base + "DEFAULT c\nONTIMEOUT a\n").defaultSpec());
    assertEquals(-1, parse(base + "TIMEOUT 0\n").timeoutSeconds());
    assertEquals(2, parse(base + "TIMEOUT 11\n").timeoutSeconds());
  }

  @Test
  void hiddenSeparatorsDisabledAndLocalbootEntries() throws Exception {
    Menu m = parse("UI menu.c32\nMENU MASTER PASSWD $6$salt$hash\nLABEL hidden\nMENU HIDE\n"
        + "KERNEL /h\nMENU SEPARATOR\nLABEL off\nMENU DISABLE\nKERNEL /o\nLABEL hd\n"
        + "MENU LABEL Boot from ^hard disk\nLOCALBOOT 0x80\nLABEL locked\nMENU PASSWD pw\n"
        + "LINUX /l\n");
    List<String> titles = m.items().stream().map(MenuItem::title).toList();
    assertEquals(List.of("Boot from hard disk", "locked"), titles);
    assertEquals(Entry.Kind.OTHER, entry(m, 0).kind());
    assertEquals("crypt", m.password().get().scheme());
    assertFalse(entry(m, 1).unrestricted());
    assertTrue(entry(m, 0).unrestricted());
  }

  @Test
  void textHelpIsNotReadAsCommands() throws Exception {
    Menu m = parse("LABEL a\nKERNEL /a\nTEXT HELP\nDefault is nothing\nlabel ghost\nENDTEXT\n"
        + "APPEND ok\n");
    assertEquals(1, m.items().size());
    assertEquals("ok", entry(m, 0).args());
  }

  @Test
  void includeLoopsAndMenuIncludeSubmenus() throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .put("hd0,msdos1", "/boot/syslinux/loop.cfg",
            "INCLUDE loop.cfg\nLABEL l\nKERNEL /l\n".getBytes(StandardCharsets.UTF_8))
        .put("hd0,msdos1", "/boot/syslinux/more.cfg",
            "LABEL m\nKERNEL /m\n".getBytes(StandardCharsets.UTF_8));
    Menu m = parse(files, "INCLUDE loop.cfg\nMENU INCLUDE more.cfg More options\nLABEL z\n"
        + "KERNEL /z\n");
    assertEquals(List.of("l", "More options", "z"),
        m.items().stream().map(MenuItem::title).toList());
    assertTrue(m.warnings().get(0).message().contains("includes itself"));
  }
}
