package org.jgrub.config.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.grub2.MapFiles;
import org.junit.jupiter.api.Test;

/**
 * systemd-boot's menu over an ESP and an XBOOTLDR partition, from the Type #1 entries
 * kernel-install 257 wrote (configs/bls/xbootldr, copied by fixtures/make-systemd-boot.sh): boot
 * counters, order, unique titles, the default pattern and loader.conf as systemd-boot reads them.
 */
class SystemdBootMenuTest {
  static final String ESP = "hd0,gpt1";
  static final String XB = "hd0,gpt2";
  static final String MID = "9d6a3771e4d0458d9339b1c8bc162166";

  static MapFiles disk(String loaderConf) throws IOException {
    MapFiles f = new MapFiles(ESP).put(ESP, "/loader/loader.conf", loaderConf);
    try (Stream<Path> s = Files.list(MapFiles.resourcePath("configs/bls/xbootldr"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        f.put(XB, "/loader/entries/" + p.getFileName(), Files.readAllBytes(p));
      }
    }
    return f;
  }

  static Menu menu(MapFiles f) throws IOException {
    byte[] conf = f.read(ESP, "/loader/loader.conf", 1 << 20).orElseThrow();
    return new BlsParser(List.of(XB)).parse(new ConfigFile(ESP, "/loader/loader.conf", conf), f);
  }

  static List<String> titles(Menu m) {
    List<String> out = new ArrayList<>();
    for (MenuItem i : m.items()) {
      out.add(((Entry) i).title());
    }
    return out;
  }

  @Test
  void bootCountersAsSystemdBootParsesThem() {
    assertEquals(new SdEntry.Counter("a.conf", 3, 0), SdEntry.counter("a+3.conf", ".conf"));
    assertEquals(new SdEntry.Counter("a.conf", 3, 1), SdEntry.counter("a+3-1.conf", ".conf"));
    assertEquals(new SdEntry.Counter("a+b.EFI", 0, 7), SdEntry.counter("a+b+0-7.EFI", ".efi"));
    assertNull(SdEntry.counter("a+3-1-x.conf", ".conf"), "a counter in the middle of the name");
    assertNull(SdEntry.counter("a+.conf", ".conf"));
    assertNull(SdEntry.counter("a+3-.conf", ".conf"));
    assertNull(SdEntry.counter("a+-1.conf", ".conf"));
    assertNull(SdEntry.counter("a+2147483648.conf", ".conf"), "more than INT_MAX");
    assertNull(SdEntry.counter("a+" + "9".repeat(400) + ".conf", ".conf"));
    assertNull(SdEntry.counter("a.conf", ".conf"));
  }

  @Test
  void xbootldrEntriesAreOnTheirPartitionNewestFirst() throws Exception {
    Menu m = menu(disk("timeout 4\n"));
    assertEquals(List.of("Debian GNU/Linux 13 (trixie) (6.1.0-13-amd64)",
        "Debian GNU/Linux 13 (trixie) (6.1.0-12-amd64)"), titles(m));
    Entry e = (Entry) m.items().get(0);
    assertEquals(Optional.of(XB), e.root());
    assertEquals("/" + MID + "/6.1.0-13-amd64/linux", e.kernel());
    assertEquals(MID + "-6.1.0-13-amd64", e.id(), "without the boot counter");
    assertEquals(4, m.timeoutSeconds());
    assertEquals("", m.defaultSpec());
  }

  @Test
  void entriesWithNoTriesLeftGoLastAndMoreTriesLeftFirst() throws Exception {
    MapFiles f = disk("");
    byte[] newer = f.read(XB, "/loader/entries/" + MID + "-6.1.0-13-amd64+3.conf", 1 << 20)
        .orElseThrow();
    // The newest kernel after three failed boots: systemd-boot renamed it to +0-3.
    f = disk("").put(XB, "/loader/entries/" + MID + "-6.1.0-13-amd64+3.conf", new byte[0]);
    MapFiles g = new MapFiles(ESP).put(ESP, "/loader/loader.conf", "");
    g.put(XB, "/loader/entries/" + MID + "-6.1.0-13-amd64+0-3.conf", newer);
    g.put(XB, "/loader/entries/" + MID + "-6.1.0-12-amd64.conf",
        f.read(XB, "/loader/entries/" + MID + "-6.1.0-12-amd64.conf", 1 << 20).orElseThrow());
    assertEquals(List.of("Debian GNU/Linux 13 (trixie) (6.1.0-12-amd64)",
        "Debian GNU/Linux 13 (trixie) (6.1.0-13-amd64)"), titles(menu(g)));

    // Three copies of one entry that differ only in their counters (and options, to tell them
    // apart): more tries left first, then fewer tries done.
    MapFiles h = new MapFiles(ESP).put(ESP, "/loader/loader.conf", "");
    h.put(XB, "/loader/entries/x+1-2.conf", "title X\nlinux /l\noptions one\n");
    h.put(XB, "/loader/entries/x+2-5.conf", "title X\nlinux /l\noptions two\n");
    h.put(XB, "/loader/entries/x+2-1.conf", "title X\nlinux /l\noptions three\n");
    List<String> args = new ArrayList<>();
    for (MenuItem i : menu(h).items()) {
      args.add(((Entry) i).args());
    }
    assertEquals(List.of("three", "two", "one"), args);
  }

  @Test
  void theDefaultPatternIsMatchedInLowerCaseAgainstIdsWithTheirSuffix() throws Exception {
    Menu m = menu(disk("default " + MID.toUpperCase() + "-6.1.0-12-AMD64.CONF\n"));
    assertEquals(MID + "-6.1.0-12-amd64", m.defaultSpec());
    m = menu(disk("default *-6.1.0-13-amd64.conf\n"));
    assertEquals(MID + "-6.1.0-13-amd64", m.defaultSpec(), "the counter is not part of the id");
  }

  @Test
  void savedNeedsEfiVariablesAXenGuestDoesNotHave() throws Exception {
    Menu m = menu(disk("default @saved\ntimeout menu-force\n"));
    assertEquals("", m.defaultSpec(), "the first entry, as systemd-boot without LoaderEntryLastBooted");
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().contains("@saved")
        && w.message().contains("the first entry is used")), m.warnings().toString());
  }

  @Test
  void equalTitlesAndVersionsGetTheMachineIdThenTheId() throws Exception {
    String entry = "title T\nversion 1\nmachine-id %s\nlinux /l\n";
    MapFiles f = new MapFiles(ESP).put(ESP, "/loader/loader.conf", "")
        .put(XB, "/loader/entries/a.conf", String.format(entry, "aaaaaaaa11"))
        .put(XB, "/loader/entries/b.conf", String.format(entry, "bbbbbbbb22"))
        .put(XB, "/loader/entries/c.conf", String.format(entry, "bbbbbbbb33"))
        .put(XB, "/loader/entries/d.conf", "linux /l\n");
    // No sort-key: by id, newest first. d has no title: its id is its title.
    assertEquals(List.of("d.conf", "T (1) (bbbbbbbb) (c.conf)", "T (1) (bbbbbbbb) (b.conf)",
        "T (1) (aaaaaaaa)"), titles(menu(f)));
  }

  @Test
  void hugeLoaderConfLinesEndQuickly() throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("timeout ").append("9".repeat(300_000)).append('\n');
    sb.append("default ").append("*?[".repeat(100_000)).append('\n');
    for (int k = 0; k < 20_000; k++) {
      sb.append("editor no\n");
    }
    byte[] conf = sb.toString().getBytes(StandardCharsets.US_ASCII);
    MapFiles f = disk("");
    Menu m = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> new BlsParser(List.of(XB)).parse(new ConfigFile(ESP, "/loader/loader.conf", conf), f));
    assertEquals(2, m.items().size());
    assertEquals("", m.defaultSpec());
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().contains("not a number")));
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().contains("longer than")));
  }

  @Test
  void eachProfileIsAnEntryAndADamagedProfileHidesNoOther() throws Exception {
    byte[] uki = Files.readAllBytes(
        org.jgrub.testutil.Fixtures.image("systemd-boot/debian-6.1.0-11.efi.xz"));
    MapFiles f = new MapFiles(ESP).put(ESP, "/loader/loader.conf", "default *@rescue\n")
        .put(ESP, "/EFI/Linux/debian-6.1.0-11-amd64.efi", uki);
    Menu m = new BlsParser().parse(new ConfigFile(ESP, "/loader/loader.conf",
        "default *@rescue\n".getBytes(StandardCharsets.US_ASCII)), f);
    assertEquals(List.of("Debian GNU/Linux 13 (trixie) (Default)",
        "Debian GNU/Linux 13 (trixie) (Rescue shell)",
        "Debian GNU/Linux 13 (trixie) (factory-reset)"), titles(m));
    assertEquals("debian-6.1.0-11-amd64@rescue", m.defaultSpec());
    assertTrue(((Entry) m.items().get(1)).lines().contains("profile 1"));
    assertEquals(Entry.Kind.UKI, ((Entry) m.items().get(2)).kind());

    // The second profile's .cmdline moved inside .linux (section header +20).
    java.nio.ByteBuffer v = java.nio.ByteBuffer.wrap(uki).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int pe = v.getInt(0x3c);
    int table = pe + 24 + (v.getShort(pe + 20) & 0xffff);
    int linux = -1;
    int cmdlines = 0;
    for (int k = 0; k < (v.getShort(pe + 6) & 0xffff); k++) {
      String n = new String(uki, table + 40 * k, 8, StandardCharsets.US_ASCII).replace("\0", "");
      if (n.equals(".linux")) {
        linux = table + 40 * k;
      } else if (n.equals(".cmdline") && cmdlines++ == 1) {
        v.putInt(table + 40 * k + 20, v.getInt(linux + 20) + 512);
      }
    }
    f.put(ESP, "/EFI/Linux/debian-6.1.0-11-amd64.efi", uki);
    m = new BlsParser().parse(new ConfigFile(ESP, "/loader/loader.conf", new byte[0]), f);
    assertEquals(List.of("Debian GNU/Linux 13 (trixie) (Default)",
        "Debian GNU/Linux 13 (trixie) (factory-reset)"), titles(m));
    assertTrue(m.warnings().stream().anyMatch(w -> w.message().contains(
        "profile 1: sections .linux and .cmdline overlap")), m.warnings().toString());
  }
}
