package org.jgrub.config.lilo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.text.MemGuestFiles;
import org.junit.jupiter.api.Test;

/** lilo.conf as Slackware's and Debian's liloconfig wrote it (see configs/lilo/README). */
class LiloParserTest {
  private static final String DIR = "configs/lilo/";

  private static Menu parse(String resource) throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .putResource("hd0,msdos1", "/etc/lilo.conf", DIR + resource);
    return new LiloParser().parse(files.config("/etc/lilo.conf"), files);
  }

  private static Menu parseText(String text) throws Exception {
    MemGuestFiles files = new MemGuestFiles("hd0,msdos1")
        .put("hd0,msdos1", "/etc/lilo.conf", text.getBytes(StandardCharsets.UTF_8));
    return new LiloParser().parse(files.config("/etc/lilo.conf"), files);
  }

  private static Entry entry(Menu m, int i) {
    return (Entry) m.items().get(i);
  }

  @Test
  void slackwareLiloconfig() throws Exception {
    Menu m = parse("slackware-13.37-liloconfig.lilo.conf");
    assertEquals("lilo", m.format().name());
    assertEquals(1, m.items().size());
    Entry e = entry(m, 0);
    assertEquals("Linux", e.title());
    assertEquals("/boot/vmlinuz", e.kernel());
    assertEquals(List.of(), e.initrds());
    // LILO's order after BOOT_IMAGE=: ro, root=, then the global append (quoted, blank-led).
    assertEquals("ro root=/dev/root vt.default_utf8=0", e.args());
    assertEquals(Entry.Kind.LINUX, e.kind());
    assertEquals(Optional.empty(), e.root());
    assertEquals(120, m.timeoutSeconds());
    assertFalse(m.hidden());
    assertEquals("", m.defaultSpec());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void debianLiloconfig() throws Exception {
    Menu m = parse("debian-woody-liloconfig.lilo.conf");
    assertEquals(4, m.items().size());
    Entry linux = entry(m, 0);
    assertEquals("Linux", linux.title());
    assertEquals("/vmlinuz", linux.kernel());
    assertEquals(List.of("/initrd.img"), linux.initrds());
    // The global root= applies to every image; the kernel saw "BOOT_IMAGE=old ro root=303".
    assertEquals("ro root=/dev/hda3", linux.args());
    assertEquals("ro root=/dev/hda3 single", entry(m, 1).args());
    Entry old = entry(m, 2);
    assertEquals("old", old.title());
    assertEquals("/vmlinuz.old", old.kernel());
    assertEquals(List.of("/initrd.img.old"), old.initrds());
    Entry windows = entry(m, 3);
    assertEquals("Windows", windows.title());
    assertEquals(Entry.Kind.OTHER, windows.kind());
    assertEquals("/dev/hda1", windows.kernel());
    assertEquals("0", m.defaultSpec());
    assertEquals("Linux", DefaultChooser.choose(m).entry().title());
    assertEquals(5, m.timeoutSeconds());
    assertFalse(m.hidden());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void defaultByAliasAndLabelLessImages() throws Exception {
    Menu m = parseText("delay=20\ndefault=2\nimage=/boot/vmlinuz-6.1 root=\"/dev/xvda1\" read-write\n"
        + "  initrd = /boot/initrd.gz append=\"console=hvc0\" addappend=\"quiet\"\n"
        + "image=/boot/vmlinuz-5.10 label=old alias=2 literal=\"root=LABEL=x ro\"\n");
    assertEquals("vmlinuz-6.1", m.items().get(0).title());
    assertEquals("rw root=/dev/xvda1 console=hvc0 quiet", entry(m, 0).args());
    assertEquals(List.of("/boot/initrd.gz"), entry(m, 0).initrds());
    assertEquals("root=LABEL=x ro", entry(m, 1).args());
    assertEquals("1", m.defaultSpec());
    // No prompt: LILO boots the default after "delay" unless Shift is held.
    assertTrue(m.hidden());
    assertEquals(2, m.timeoutSeconds());
  }

  @Test
  void continuationCommentsAndEscapes() throws Exception {
    Menu m = parseText("prompt # show the prompt\nimage=/vmlinuz label=Linux append=\"a=1 \\\n"
        + "  b=\\\"2\\\" #kept\"\nother = /dev/sda1\n");
    assertEquals("a=1   b=\"2\" #kept", entry(m, 0).args());
    assertEquals("sda1", m.items().get(1).title());
    assertEquals(-1, m.timeoutSeconds());
    assertEquals(List.of(), m.warnings());
  }

  @Test
  void brokenSettingsWarnAndTheRestStillParses() throws Exception {
    Menu m = parseText("timeout=soon\nimage=\ndefault=nothere\nimage=/vmlinuz label=ok append=\"x");
    assertEquals(1, m.items().size());
    assertEquals("x", entry(m, 0).args());
    assertEquals(4, m.warnings().size());
    assertEquals("", m.defaultSpec());
  }
}
