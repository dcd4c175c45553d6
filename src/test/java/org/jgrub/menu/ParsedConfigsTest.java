package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Password;
import org.junit.jupiter.api.Test;

/** The menu on configs exactly as the parsers read them, including their quirks. */
class ParsedConfigsTest {
  private static MenuOutcome run(Menu m, FakeTerminal t) throws IOException {
    return BootMenu.run(m, t, BootMenuTest.NO_FILES, t.clock);
  }

  @Test
  void ubuntuAsShippedHasAnUncheckableSuperuserPassword() throws IOException {
    Menu m = Menus.ubuntuAsShipped();
    Password pw = m.password().orElseThrow();
    assertEquals("pbkdf2", pw.scheme());
    // The file sets "grub.pbkdf2.sha512." (truncated) and then "dummy"; the last one counts.
    assertEquals("dummy", pw.value());
    assertEquals(List.of("root"), pw.superusers());
    // Ubuntu and the Advanced options are --unrestricted: they boot.
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN + FakeTerminal.ENTER + FakeTerminal.ENTER);
    assertEquals("Ubuntu, with Linux 3.13.0-44-generic", run(m, t).entry().title());

    // memtest is restricted and the hash "dummy" can never match: refused, with
    // the reason, and the menu goes on.
    FakeTerminal u = new FakeTerminal();
    u.type(FakeTerminal.END + FakeTerminal.ENTER + "root" + FakeTerminal.ENTER);
    u.type("anything" + FakeTerminal.ENTER + FakeTerminal.HOME + FakeTerminal.ENTER);
    MenuOutcome o = run(m, u);
    assertEquals("Ubuntu", o.entry().title());
    assertNotNull(u.frameWith("Failed! the config's password_pbkdf2 is not grub.pbkdf2.sha512.*"));

    // Editing is locked too, and says how to unlock.
    assertTrue(t.frames.get(0).contains("'p' to enter a password"), t.frames.get(0));
  }

  @Test
  void legacyXenStanzaEditedKeepsTheParsersConvention() throws IOException {
    Menu m = Menus.lennyXen("");
    Entry xen = (Entry) m.items().get(0);
    assertEquals(Entry.Kind.MULTIBOOT, xen.kind());
    // Lines: root, kernel xen.gz, module vmlinuz ARGS, module initrd. Add "single" to dom0's.
    FakeTerminal t = new FakeTerminal();
    t.type("e" + FakeTerminal.DOWN + FakeTerminal.DOWN + FakeTerminal.ENTER);
    t.type("\u0005 single" + FakeTerminal.ENTER + "b");
    MenuOutcome o = run(m, t);
    Entry e = o.entry();
    assertEquals(xen.kernel(), e.kernel());
    assertEquals(xen.args() + " single", e.args());
    assertEquals(xen.initrds(), e.initrds());
    assertEquals(Entry.Kind.MULTIBOOT, e.kind());
    assertEquals(xen.root(), e.root());
  }

  @Test
  void legacyPlainEntryEditedRoot() throws IOException {
    Menu m = Menus.lennyXen("");
    FakeTerminal t = new FakeTerminal();
    // Entry 1 is "Debian GNU/Linux, kernel 2.6.26-2-xen-686": root, kernel, initrd.
    t.type(FakeTerminal.DOWN + "e" + FakeTerminal.ENTER + "\u0001\u000b" + "root (hd0,1)");
    t.type(FakeTerminal.ENTER + "b");
    Entry e = run(m, t).entry();
    assertEquals(Optional.of("hd0,1"), e.root());
    assertEquals("/boot/vmlinuz-2.6.26-2-xen-686", e.kernel());
  }

  @Test
  void legacyMd5PasswordAddedToTheRealMenu() throws IOException {
    // $ openssl passwd -1 -salt abcdefgh 'Secret pw1'  ->  $1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1
    Menu m = Menus.lennyXen("password --md5 $1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1\n");
    assertEquals("md5", m.password().orElseThrow().scheme());
    FakeTerminal t = new FakeTerminal();
    t.type("a");
    t.esc();
    t.type("p" + "Secret pw1" + FakeTerminal.ENTER + "a" + " single" + FakeTerminal.ENTER);
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.EDITED, o.how());
    assertTrue(o.entry().args().endsWith(" single"), o.entry().args());
    assertFalse(t.frames.get(0).contains("'e' to edit"));
  }

  @Test
  void legacyLockedEntryNeedsThePasswordToBoot() throws IOException {
    // GRUB legacy's "lock" in an entry: booting it needs the menu password.
    Menu base = Menus.grub1("configs/grub1/debian-lenny-xen-update-grub.menu.lst",
        "password topsecret\ntitle Locked rescue\nlock\nroot (hd0,0)\n"
            + "kernel /boot/vmlinuz-2.6.26-2-686 root=/dev/xvda1 ro single\n\n");
    Entry locked = (Entry) base.items().get(0);
    assertEquals("Locked rescue", locked.title());
    assertFalse(locked.unrestricted());
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.ENTER + "nope" + FakeTerminal.ENTER);
    t.type(FakeTerminal.ENTER + "topsecret" + FakeTerminal.ENTER);
    MenuOutcome o = run(base, t);
    assertEquals("Locked rescue", o.entry().title());
    assertNotNull(t.frameWith("Failed! (wrong password)"));
    // Unlocked entries boot without it.
    FakeTerminal u = new FakeTerminal();
    u.type(FakeTerminal.DOWN + FakeTerminal.ENTER);
    assertEquals(MenuOutcome.How.CHOSEN, run(base, u).how());
  }
}
