package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Menu;
import org.jgrub.config.Password;
import org.junit.jupiter.api.Test;

/**
 * Password hashes made by the real tools, and the menu's lock. The hashes were made on Debian 12:
 *
 * <pre>
 * $ openssl version
 * OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)
 * $ openssl passwd -1 -salt abcdefgh 'Secret pw1'
 * $1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1
 * $ openssl passwd -1 -salt xy ''
 * $1$xy$JSgu5Zv4igzK2ULm5nTM30
 * $ openssl passwd -1 -salt 'Xy7/.q' 'correct horse battery staple'
 * $1$Xy7/.q$5sDm97UlQ07Oa2CmqPw370
 * $ openssl passwd -1 -salt saltsalt 'a'
 * $1$saltsalt$MzDjbImyzEz2m0NTiPzNW/
 * $ grub-mkpasswd-pbkdf2 --version
 * grub-mkpasswd-pbkdf2 (GRUB) 2.06-13+deb12u2
 * $ printf 'hunter2\nhunter2\n' | grub-mkpasswd-pbkdf2
 * PBKDF2 hash of your password is grub.pbkdf2.sha512.10000.DAF764B3...(see HUNTER2_10000)
 * $ printf 'hunter2\nhunter2\n' | grub-mkpasswd-pbkdf2 -c 1000
 * PBKDF2 hash of your password is grub.pbkdf2.sha512.1000.8E94DDA3...(see HUNTER2_1000)
 * $ printf 's3cret pass\ns3cret pass\n' | grub-mkpasswd-pbkdf2 -c 10000 -s 16 -l 32
 * PBKDF2 hash of your password is grub.pbkdf2.sha512.10000.3E60824A...(see S3CRET)
 * </pre>
 */
class PasswordTest {
  static final String HUNTER2_10000 =
      "grub.pbkdf2.sha512.10000.DAF764B3EA77DB2334C30C38992BD94BB6407596E4D2AD407FCB7CE1437AD41F"
          + "7BB0C2A9F29C28160083B515202933A743F736C2B0268F7990C792B032A26E23.276086129AD8C6E5C7C7"
          + "69974C2C0A6AD256A9D055890A9C909C6D7EDFB20F38FBF926BC840CFEDD913723A2B302245ED9AC09F1"
          + "0B6363C78C2374F9474A628E";
  static final String HUNTER2_1000 =
      "grub.pbkdf2.sha512.1000.8E94DDA32B4DD8EC39B361577218AF4DA85042E98472907A6CA38128B298952B"
          + "5D8698BAB9FB24F4F03556D287528F7BB6678635771604367A322D66D10FCF1D.9F4605A9C0C8FE4BED61"
          + "0B20A5698DAFC7C9E4B311E1F812F913B54C2729905CF4B37E89F22A091B005069BD3B5EA63CC975CA0E"
          + "5DFC285468F1B77E19EE4C68";
  static final String S3CRET =
      "grub.pbkdf2.sha512.10000.3E60824AD3F792D520C66480FAB8E095.9EDF381C55B8E0ED8DA1DB3E8053C949"
          + "57C1A96F2F9322DACDEBEFACAC2F0810";

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void md5CryptMatchesOpenssl() {
    assertEquals("$1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1", Md5Crypt.crypt(b("Secret pw1"), "abcdefgh"));
    assertEquals("$1$xy$JSgu5Zv4igzK2ULm5nTM30", Md5Crypt.crypt(b(""), "xy"));
    assertEquals(
        "$1$Xy7/.q$5sDm97UlQ07Oa2CmqPw370",
        Md5Crypt.crypt(b("correct horse battery staple"), "Xy7/.q"));
    assertEquals("$1$saltsalt$MzDjbImyzEz2m0NTiPzNW/", Md5Crypt.crypt(b("a"), "saltsalt"));
    assertTrue(Md5Crypt.matches(b("Secret pw1"), "$1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1"));
    assertFalse(Md5Crypt.matches(b("Secret pw2"), "$1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1"));
    assertFalse(Md5Crypt.matches(b("Secret pw1"), "$1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ2"));
  }

  private static Password md5(String hash) {
    return new Password("md5", hash, "", List.of());
  }

  private static Password pbkdf2(String hash) {
    return new Password("pbkdf2", hash, "root", List.of("root"));
  }

  @Test
  void pbkdf2MatchesGrubMkpasswd() {
    assertTrue(PasswordCheck.check(pbkdf2(HUNTER2_10000), "hunter2").matched());
    assertTrue(PasswordCheck.check(pbkdf2(HUNTER2_1000), "hunter2").matched());
    assertTrue(PasswordCheck.check(pbkdf2(S3CRET), "s3cret pass").matched());
    assertFalse(PasswordCheck.check(pbkdf2(HUNTER2_10000), "hunter3").matched());
    assertFalse(PasswordCheck.check(pbkdf2(S3CRET), "s3cret pas").matched());
    // Lower-case hex is accepted too (GRUB parses either).
    assertTrue(PasswordCheck.check(pbkdf2(S3CRET.toLowerCase()), "s3cret pass").matched());
  }

  @Test
  void brokenHashesNeverMatchAndSayWhy() {
    // ubuntu-14.04-lts.grub2 really has "password_pbkdf2 root grub.pbkdf2.sha512." and "dummy".
    PasswordCheck.Result truncated = PasswordCheck.check(pbkdf2("grub.pbkdf2.sha512."), "");
    assertFalse(truncated.matched());
    assertEquals("the config's password_pbkdf2 hash is malformed", truncated.problem());
    assertFalse(PasswordCheck.check(pbkdf2("dummy"), "dummy").matched());
    assertFalse(PasswordCheck.check(pbkdf2("grub.pbkdf2.sha512.10.ZZ.00"), "x").matched());
    assertFalse(PasswordCheck.check(pbkdf2("grub.pbkdf2.sha512.10.00.00.00"), "x").matched());
    PasswordCheck.Result huge =
        PasswordCheck.check(pbkdf2("grub.pbkdf2.sha512.4000000000.00.00"), "x");
    assertFalse(huge.matched());
    assertTrue(huge.problem().contains("iterations"), huge.problem());
    assertFalse(PasswordCheck.check(md5("$5$abc$def"), "x").matched());
    assertFalse(PasswordCheck.check(new Password("sha1", "x", "", List.of()), "x").matched());
    assertTrue(PasswordCheck.check(new Password("plain", "pw", "", List.of()), "pw").matched());
    assertFalse(PasswordCheck.check(new Password("plain", "pw", "", List.of()), "pw ").matched());
  }

  private static MenuOutcome run(Menu m, FakeTerminal t) throws IOException {
    return BootMenu.run(m, t, BootMenuTest.NO_FILES, t.clock);
  }

  @Test
  void legacyPasswordLocksEditingUntilPIsAnswered() throws IOException {
    Menu m = Menus.legacyMany(Optional.of(md5("$1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1")), 3);
    FakeTerminal t = new FakeTerminal();
    // 'e' asks for the password at once; a wrong one fails, Esc abandons; then 'p' with the
    // right one unlocks, and 'e' opens the editor.
    t.type("e" + "wrong" + FakeTerminal.ENTER);
    t.type("e" + "abc");
    t.esc();
    t.type("p" + "Secret pw1" + FakeTerminal.ENTER);
    t.type("e" + FakeTerminal.DOWN + FakeTerminal.ENTER + "\u0005 single" + FakeTerminal.ENTER);
    t.type("b");
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.EDITED, o.how());
    assertEquals("root=/dev/xvda1 ro quiet single", o.entry().args());
    String locked = t.frames.get(0);
    assertTrue(locked.contains("or 'p' to enter a password"), locked);
    assertFalse(locked.contains("'e' to edit"), locked);
    assertNotNull(t.frameWith("Failed! (wrong password)"));
    // The password is never echoed.
    assertNull(t.frameWith("Secret"));
    assertNotNull(t.frameWith("Password: **********"));
  }

  @Test
  void legacyPasswordDoesNotStopBooting() throws IOException {
    Menu m = Menus.legacyMany(Optional.of(md5("$1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1")), 3);
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN + FakeTerminal.ENTER);
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals(List.of(1), o.path());
  }

  @Test
  void grub2SuperuserGuardsRestrictedEntriesButNotUnrestrictedOnes() throws IOException {
    Menu m = Menus.ubuntu(Optional.of(pbkdf2(HUNTER2_1000)));
    // 'Ubuntu' is --unrestricted: it boots without a password.
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.ENTER);
    assertEquals("Ubuntu", run(m, t).entry().title());

    // memtest is not: Enter asks for user and password; a wrong user is refused.
    FakeTerminal u = new FakeTerminal();
    u.type(FakeTerminal.DOWN + FakeTerminal.DOWN + FakeTerminal.ENTER);
    u.type("admin" + FakeTerminal.ENTER + "hunter2" + FakeTerminal.ENTER);
    u.type(FakeTerminal.ENTER + "root" + FakeTerminal.ENTER + "hunter2" + FakeTerminal.ENTER);
    MenuOutcome o = run(m, u);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals("Memory test (memtest86+)", o.entry().title());
    assertNotNull(u.frameWith("Enter username: admin"));
    assertNotNull(u.frameWith("Enter password: *******"));
    assertNotNull(u.frameWith("Failed! (wrong password)"));
  }

  @Test
  void grub2EditingNeedsTheSuperuser() throws IOException {
    Menu m = Menus.ubuntu(Optional.of(pbkdf2(S3CRET)));
    FakeTerminal t = new FakeTerminal();
    t.type("c" + "root" + FakeTerminal.ENTER + "s3cret pass" + FakeTerminal.ENTER);
    t.esc();
    t.type("a" + " single" + FakeTerminal.ENTER);
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.EDITED, o.how());
    assertTrue(o.entry().args().endsWith("quiet single"), o.entry().args());
    assertNotNull(t.frameWith("jgrub command line"));
  }

  @Test
  void grub2RestrictedDefaultAsksForThePasswordWhenTheTimeoutExpires() throws IOException {
    Menu m = Menus.ubuntu(Optional.of(pbkdf2(HUNTER2_1000)));
    Menu memtestDefault =
        new Menu(m.format(), m.source(), m.items(), "2", m.fallback(), 2, false, m.password(),
            m.warnings());
    FakeTerminal t = new FakeTerminal();
    t.pause(2500).type("root" + FakeTerminal.ENTER + "hunter2" + FakeTerminal.ENTER);
    MenuOutcome o = run(memtestDefault, t);
    assertEquals(MenuOutcome.How.TIMEOUT, o.how());
    assertEquals("Memory test (memtest86+)", o.entry().title());
    assertNotNull(t.frameWith("Enter username:"));
  }

  @Test
  void grub2PasswordWithoutSuperusersLocksNothing() throws IOException {
    Menu m =
        Menus.ubuntu(Optional.of(new Password("pbkdf2", HUNTER2_1000, "root", List.of())));
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN + FakeTerminal.DOWN + FakeTerminal.ENTER);
    assertEquals("Memory test (memtest86+)", run(m, t).entry().title());
  }
}
