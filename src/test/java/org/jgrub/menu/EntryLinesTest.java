package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.Entry;
import org.jgrub.config.Submenu;
import org.jgrub.config.grub1.Grub1Format;
import org.jgrub.config.grub2.Grub2Format;
import org.jgrub.config.lilo.LiloFormat;
import org.jgrub.config.syslinux.SyslinuxFormat;
import org.junit.jupiter.api.Test;

/** Edited lines back to kernel, initrds, arguments and root. */
class EntryLinesTest {
  private static final ConfigFormat GRUB2 = Grub2Format.INSTANCE;
  private static final ConfigFormat GRUB1 = Grub1Format.INSTANCE;
  private static final ConfigFormat SYSLINUX = SyslinuxFormat.INSTANCE;
  private static final ConfigFormat LILO = LiloFormat.INSTANCE;

  private static Entry rhel() {
    return (Entry) Menus.rhel7().items().get(0);
  }

  private static List<String> replace(List<String> lines, String prefix, String with) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.startsWith(prefix) ? with : l);
    }
    return out;
  }

  @Test
  void unchangedLinesGiveTheOriginalEntryBack() {
    Entry e = rhel();
    List<String> lines = EntryLines.editable(e, GRUB2);
    Entry back = EntryLines.apply(e, GRUB2, lines).entry();
    assertEquals(e.kernel(), back.kernel());
    assertEquals(e.args(), back.args());
    assertEquals(e.initrds(), back.initrds());
    assertEquals(e.root(), back.root());
    assertEquals(e.kind(), back.kind());
  }

  @Test
  void grub2QuotingAndVariablesInAnEditedLine() {
    Entry e = rhel();
    List<String> lines =
        replace(
            EntryLines.editable(e, GRUB2),
            "linux16",
            "linux ($root)/vmlinuz-new 'a b' \"c\\\"d\" e\\ f $unset ${root}x");
    Entry out = EntryLines.apply(e, GRUB2, lines).entry();
    assertEquals("(hd0,msdos1)/vmlinuz-new", out.kernel());
    assertEquals("\"a b\" c\"d \"e f\" hd0,msdos1x", out.args());
    assertEquals(Entry.Kind.LINUX, out.kind());
  }

  @Test
  void grub2PlainAssignmentOfRoot() {
    Entry e = rhel();
    List<String> lines = new ArrayList<>(EntryLines.editable(e, GRUB2));
    lines.add(0, "gfxpayload=text");
    lines.add("root=(hd0,msdos3)");
    Entry out = EntryLines.apply(e, GRUB2, lines).entry();
    assertEquals(Optional.of("hd0,msdos3"), out.root());
    assertEquals(e.args(), out.args());
  }

  @Test
  void initrdTakesSeveralFilesAndTheLastOneWins() {
    Entry e = rhel();
    List<String> lines = new ArrayList<>(EntryLines.editable(e, GRUB2));
    lines.add("initrd /early-ucode.cpio /initramfs-x.img");
    assertEquals(
        List.of("/early-ucode.cpio", "/initramfs-x.img"),
        EntryLines.apply(e, GRUB2, lines).entry().initrds());
  }

  @Test
  void legacyKernelLinePassesTheRestAsWritten() {
    Entry e = (Entry) Menus.legacyMany(Optional.empty(), 1).items().get(0);
    List<String> lines =
        replace(
            EntryLines.editable(e, GRUB1),
            "kernel",
            "kernel --no-mem-option /boot/vmlinuz-x root=/dev/xvda1  ro 'quoted'");
    Entry out = EntryLines.apply(e, GRUB1, lines).entry();
    assertEquals("/boot/vmlinuz-x", out.kernel());
    assertEquals("root=/dev/xvda1  ro 'quoted'", out.args());
    List<String> rooted = replace(lines, "root", "root (hd0,1)");
    assertEquals(Optional.of("hd0,1"), EntryLines.apply(e, GRUB1, rooted).entry().root());
  }

  @Test
  void entriesWithoutABodyGetSynthesizedLines() {
    Entry bare =
        Entry.linux("x", "/boot/vmlinuz", List.of("/boot/a", "/boot/b"), "ro", Optional.of("hd0,0"));
    assertEquals(
        List.of("root hd0,0", "kernel /boot/vmlinuz ro", "initrd /boot/a /boot/b"),
        EntryLines.editable(bare, GRUB1));
    assertEquals(
        List.of("set root='hd0,0'", "linux /boot/vmlinuz ro", "initrd /boot/a /boot/b"),
        EntryLines.editable(bare, GRUB2));
    List<String> sys = EntryLines.editable(bare, SYSLINUX);
    assertEquals(List.of("LINUX /boot/vmlinuz", "APPEND ro", "INITRD /boot/a,/boot/b"), sys);
    Entry back = EntryLines.apply(bare, SYSLINUX, sys).entry();
    assertEquals(bare.initrds(), back.initrds());
    List<String> edited = new ArrayList<>(sys);
    edited.set(1, "APPEND ro single");
    assertEquals("ro single", EntryLines.apply(bare, SYSLINUX, edited).entry().args());
  }

  @Test
  void syslinuxLinesAsTheParserKeptThem() {
    // alpine-linux-2.3.2.extlinux: KERNEL vmlinuz-3.0.10-grsec (relative to /boot), and the
    // initrd named by initrd= inside APPEND.
    Entry alpine = (Entry) Menus.alpine().items().get(0);
    List<String> lines = EntryLines.editable(alpine, SYSLINUX);
    assertEquals("KERNEL vmlinuz-3.0.10-grsec", lines.get(2));
    List<String> edited = replace(lines, "APPEND", lines.get(3) + " single");
    Entry out = EntryLines.apply(alpine, SYSLINUX, edited).entry();
    assertEquals(alpine.args() + " single", out.args());
    assertEquals(alpine.initrds(), out.initrds());
    assertEquals(alpine.kernel(), out.kernel());
    List<String> other = replace(edited, "KERNEL", "KERNEL vmlinuz-3.0.11-grsec");
    assertEquals("/boot/vmlinuz-3.0.11-grsec", EntryLines.apply(alpine, SYSLINUX, other).entry().kernel());
    List<String> absolute = replace(lines, "APPEND", "APPEND initrd=/other.img,extra.img ro");
    Entry abs = EntryLines.apply(alpine, SYSLINUX, absolute).entry();
    assertEquals(List.of("/other.img", "/boot/extra.img"), abs.initrds());
    assertEquals("ro", abs.args());
  }

  @Test
  void syslinuxAndLiloForms() {
    Entry e = Entry.linux("x", "/vmlinuz", List.of(), "ro", Optional.empty());
    Entry sys =
        EntryLines.apply(
                e, SYSLINUX, List.of("KERNEL /vmlinuz-2", "APPEND root=/dev/xvda1 quiet", "INITRD /i"))
            .entry();
    assertEquals("/vmlinuz-2", sys.kernel());
    assertEquals("root=/dev/xvda1 quiet", sys.args());
    assertEquals(List.of("/i"), sys.initrds());
    Entry lilo =
        EntryLines.apply(
                e, LILO, List.of("image=/boot/vmlinuz-3", "append=\"console=hvc0 ro\"", "initrd=/boot/i3"))
            .entry();
    assertEquals("/boot/vmlinuz-3", lilo.kernel());
    assertEquals("console=hvc0 ro", lilo.args());
    assertEquals(List.of("/boot/i3"), lilo.initrds());
  }

  @Test
  void multibootEntriesStayMultiboot() {
    Entry xen =
        (Entry) ((Submenu) Menus.fedora16().items().get(2)).items().get(0);
    List<String> lines =
        replace(EntryLines.editable(xen, GRUB2), "multiboot", "multiboot /xen-4.1.gz dom0_mem=1G");
    Entry out = EntryLines.apply(xen, GRUB2, lines).entry();
    assertEquals(Entry.Kind.MULTIBOOT, out.kind());
    assertEquals("/xen-4.1.gz", out.kernel());
    assertEquals("dom0_mem=1G", out.args());
    assertEquals(xen.initrds(), out.initrds());
  }

  @Test
  void chainloaderMakesAnOtherEntryAndNoKernelIsAnError() {
    Entry e = rhel();
    List<String> lines = new ArrayList<>(EntryLines.editable(e, GRUB2));
    lines.add("chainloader +1");
    assertEquals(Entry.Kind.OTHER, EntryLines.apply(e, GRUB2, lines).entry().kind());
    EntryLines.Applied none = EntryLines.apply(e, GRUB2, List.of("insmod xfs", "boot"));
    assertNull(none.entry());
    assertEquals("the entry has no linux or kernel command", none.error());
    assertEquals(
        "the kernel command names no file",
        EntryLines.apply(e, GRUB2, List.of("linux")).error());
  }
}
