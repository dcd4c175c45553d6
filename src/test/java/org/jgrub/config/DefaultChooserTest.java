package org.jgrub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultChooserTest {
  private static Entry e(String title, String id) {
    return new Entry(
        title, id, List.of(), "/vmlinuz-" + title, List.of(), "", Optional.empty(),
        Entry.Kind.LINUX, Optional.empty(), false, List.of());
  }

  // The shape grub-mkconfig gives Debian and Ubuntu: one entry, then "Advanced options" holding
  // every kernel, then memtest.
  private static final Menu DEBIAN =
      new Menu(
          org.jgrub.config.grub2.Grub2Format.INSTANCE, "/boot/grub/grub.cfg",
          List.of(
              e("Debian GNU/Linux", "gnulinux-simple-u1"),
              new Submenu(
                  "Advanced options for Debian GNU/Linux", "gnulinux-advanced-u1",
                  List.of(
                      e("Debian GNU/Linux, with Linux 6.1.0-13-amd64", "gnulinux-6.1.0-13-advanced-u1"),
                      e("Debian GNU/Linux, with Linux 6.1.0-12-amd64", "gnulinux-6.1.0-12-advanced-u1"))),
              e("Memory test", "memtest")),
          "0", Optional.empty(), 5, false, Optional.empty(), List.of());

  private static Selection pick(String spec) throws Exception {
    return DefaultChooser.choose(DEBIAN, spec);
  }

  @Test
  void numberIndexesTopLevelWithSubmenuCountingAsOne() throws Exception {
    assertEquals("Memory test", pick("2").entry().title());
    assertEquals(List.of(2), pick("2").path());
  }

  @Test
  void pathThroughSubmenuByIndexIdOrTitle() throws Exception {
    assertEquals("1>1", pick("1>1").pathString());
    assertEquals("1>1", pick("gnulinux-advanced-u1>gnulinux-6.1.0-12-advanced-u1").pathString());
    assertEquals(
        "1>0",
        pick("Advanced options for Debian GNU/Linux>Debian GNU/Linux, with Linux 6.1.0-13-amd64")
            .pathString());
  }

  @Test
  void idWinsOverTitle() throws Exception {
    assertEquals("memtest", pick("memtest").entry().id());
  }

  @Test
  void submenuDefaultEntersItsFirstItem() throws Exception {
    Selection s = pick("1");
    assertEquals("1>0", s.pathString());
    assertEquals(1, s.notes().size());
  }

  @Test
  void missingDefaultFallsBackToFirstWithNote() throws Exception {
    Selection s = pick("gnulinux-5.10-advanced-gone");
    assertEquals("0", s.pathString());
    assertTrue(s.notes().get(0).contains("does not exist"));
    assertEquals("0", pick("7").pathString());
    assertEquals("0", pick("1>9").pathString());
    assertEquals("0", pick("2>0").pathString());
  }

  @Test
  void doubledAngleBracketIsPartOfAName() {
    assertEquals(List.of("a>b", "c"), DefaultChooser.splitPath("a>>b>c"));
    assertEquals(List.of("1", "2"), DefaultChooser.splitPath("1>2"));
  }

  @Test
  void emptyDefaultIsFirstEntry() throws Exception {
    assertEquals("Debian GNU/Linux", pick("").entry().title());
  }

  @Test
  void flatEntriesNumberAsPygrubDoes() {
    assertEquals(4, DEBIAN.flatEntries().size());
    assertEquals("Memory test", DEBIAN.flatEntries().get(3).title());
  }
}
