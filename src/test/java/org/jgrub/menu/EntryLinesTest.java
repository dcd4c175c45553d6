package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
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

  /** The menu an entry came from: the parsed RHEL 7 menu for its entries, else a bare one. */
  private static EntryLines.Applied apply(ConfigFormat f, Entry e, List<String> lines) {
    Menu rhel = Menus.rhel7();
    Menu m =
        f == GRUB2 && rhel.items().contains(e)
            ? rhel
            : new Menu(f, "/boot/extlinux.conf", List.of(e), "", Optional.empty(), 5, false,
                Optional.empty(), List.of());
    return EntryLines.apply(m, e, lines, GuestFiles.none("hd0,msdos1", org.jgrub.io.Bounds.DEFAULT));
  }

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
    Entry back = apply(GRUB2, e, lines).entry();
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
    Entry out = apply(GRUB2, e, lines).entry();
    assertEquals("(hd0,msdos1)/vmlinuz-new", out.kernel());
    // The words joined as the config parser joins them (LoaderCommands.joinFrom).
    assertEquals("a b c\"d e f hd0,msdos1x", out.args());
    assertEquals(Entry.Kind.LINUX, out.kind());
  }

  @Test
  void grub2PlainAssignmentOfRoot() {
    Entry e = rhel();
    List<String> lines = new ArrayList<>(EntryLines.editable(e, GRUB2));
    lines.add(0, "gfxpayload=text");
    // GRUB opens the kernel when linux16 runs: the root must be set before it.
    int linux = 0;
    while (!lines.get(linux).startsWith("linux16")) {
      linux++;
    }
    lines.add(linux, "root=(hd0,msdos3)");
    Entry out = apply(GRUB2, e, lines).entry();
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
        apply(GRUB2, e, lines).entry().initrds());
  }

  @Test
  void legacyKernelLinePassesTheRestAsWritten() {
    Entry e = (Entry) Menus.legacyMany(Optional.empty(), 1).items().get(0);
    List<String> lines =
        replace(
            EntryLines.editable(e, GRUB1),
            "kernel",
            "kernel --no-mem-option /boot/vmlinuz-x root=/dev/xvda1  ro 'quoted'");
    Entry out = apply(GRUB1, e, lines).entry();
    assertEquals("/boot/vmlinuz-x", out.kernel());
    assertEquals("root=/dev/xvda1  ro 'quoted'", out.args());
    List<String> rooted = replace(lines, "root", "root (hd0,1)");
    assertEquals(Optional.of("hd0,1"), apply(GRUB1, e, rooted).entry().root());
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
    Entry back = apply(SYSLINUX, bare, sys).entry();
    assertEquals(bare.initrds(), back.initrds());
    List<String> edited = new ArrayList<>(sys);
    edited.set(1, "APPEND ro single");
    assertEquals("ro single", apply(SYSLINUX, bare, edited).entry().args());
  }

  @Test
  void syslinuxLinesAsTheParserKeptThem() {
    // alpine-linux-2.3.2.extlinux: KERNEL vmlinuz-3.0.10-grsec (relative to /boot), and the
    // initrd named by initrd= inside APPEND.
    Entry alpine = (Entry) Menus.alpine().items().get(0);
    List<String> lines = EntryLines.editable(alpine, SYSLINUX);
    assertEquals("KERNEL vmlinuz-3.0.10-grsec", lines.get(2));
    List<String> edited = replace(lines, "APPEND", lines.get(3) + " single");
    Entry out = apply(SYSLINUX, alpine, edited).entry();
    assertEquals(alpine.args() + " single", out.args());
    assertEquals(alpine.initrds(), out.initrds());
    assertEquals(alpine.kernel(), out.kernel());
    List<String> other = replace(edited, "KERNEL", "KERNEL vmlinuz-3.0.11-grsec");
    assertEquals("/boot/vmlinuz-3.0.11-grsec", apply(SYSLINUX, alpine, other).entry().kernel());
    List<String> absolute = replace(lines, "APPEND", "APPEND initrd=/other.img,extra.img ro");
    Entry abs = apply(SYSLINUX, alpine, absolute).entry();
    assertEquals(List.of("/other.img", "/boot/extra.img"), abs.initrds());
    assertEquals("ro", abs.args());
  }

  @Test
  void syslinuxAndLiloForms() {
    Entry e = Entry.linux("x", "/vmlinuz", List.of(), "ro", Optional.empty());
    Entry sys =
        apply(SYSLINUX, e, List.of("KERNEL /vmlinuz-2", "APPEND root=/dev/xvda1 quiet", "INITRD /i"))
            .entry();
    assertEquals("/vmlinuz-2", sys.kernel());
    assertEquals("root=/dev/xvda1 quiet", sys.args());
    assertEquals(List.of("/i"), sys.initrds());
    Entry lilo =
        apply(LILO, e, List.of("image=/boot/vmlinuz-3", "append=\"console=hvc0 ro\"", "initrd=/boot/i3"))
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
    Entry out = apply(GRUB2, xen, lines).entry();
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
    assertEquals(Entry.Kind.OTHER, apply(GRUB2, e, lines).entry().kind());
    EntryLines.Applied none = apply(GRUB2, e, List.of("insmod xfs", "boot"));
    assertNull(none.entry());
    assertEquals("the entry has no linux or kernel command", none.error());
    assertEquals(
        "the entry has no linux or kernel command (linux: no kernel given)",
        apply(GRUB2, e, List.of("linux")).error());
  }

  @Test
  void grub2EditedLinesRunInTheEntrysContext() throws Exception {
    // What the script set before the entry (and the entry's $1) expands in an edited line, as
    // GRUB runs an edited entry in the menu's context.
    String cfg = "set opts='ro quiet'\nfunction kargs { set extra=\"$1\" }\n"
        + "menuentry 'Linux' --id l {\n  kargs single\n  linux /vmlinuz $opts\n}\n";
    Menu m =
        new org.jgrub.config.grub2.Grub2Parser()
            .parse(
                new org.jgrub.config.ConfigFile(
                    "hd0,msdos1", "/boot/grub/grub.cfg",
                    cfg.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                GuestFiles.none("hd0,msdos1", org.jgrub.io.Bounds.DEFAULT));
    Entry e = (Entry) m.items().get(0);
    assertEquals("ro quiet", e.args());
    List<String> lines = replace(EntryLines.editable(e, GRUB2), "linux", "linux /vmlinuz-2 $opts $extra $1");
    Entry out = EntryLines.apply(m, e, lines, GuestFiles.none("hd0,msdos1", org.jgrub.io.Bounds.DEFAULT)).entry();
    assertEquals("/vmlinuz-2", out.kernel());
    assertEquals("ro quiet single Linux", out.args());
    assertEquals(Optional.of("hd0,msdos1"), out.root());
  }

  @Test
  void legacyEditorKnowsEveryCommandTheParserKnows() {
    // kernel$ and module$ (Solaris) exist only in the GRUB legacy parser; the editor runs it.
    Entry e = Entry.linux("Solaris", "/k", List.of(), "", Optional.empty());
    List<String> lines =
        List.of(
            "kernel$ /platform/i86xpv/kernel/$ISADIR/unix -B $ZFS-BOOTFS",
            "module$ /platform/i86pc/$ISADIR/boot_archive");
    Entry out = apply(GRUB1, e, lines).entry();
    assertEquals("/platform/i86xpv/kernel/amd64/unix", out.kernel());
    assertEquals(List.of("/platform/i86pc/amd64/boot_archive"), out.initrds());
    assertEquals(Entry.Kind.LINUX, out.kind());
  }
}
