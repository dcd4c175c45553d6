package org.jgrub.config.grub2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Submenu;
import org.jgrub.config.Warning;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;
import org.junit.jupiter.api.Test;

/**
 * The script engine on small scripts, one GRUB rule each: quoting, expansion, control flow,
 * functions, includes, the environment block, and the limits that stop a hostile config.
 */
class ScriptEngineTest {
  static final String DEV = "hd0,msdos1";

  static Menu run(String script) throws Exception {
    return run(script, new MapFiles(DEV));
  }

  static Menu run(String script, MapFiles files) throws Exception {
    return run(script.getBytes(StandardCharsets.UTF_8), files);
  }

  static Menu run(byte[] script, MapFiles files) throws Exception {
    files.put(DEV, "/boot/grub/grub.cfg", script);
    return new Grub2Parser().parse(new ConfigFile(DEV, "/boot/grub/grub.cfg", script), files);
  }

  static Entry entry(Menu m, int i) {
    return (Entry) m.items().get(i);
  }

  /** The titles of a menu, one entry per probe: menuentry "$x" {} shows what $x expanded to. */
  static String title(String script) throws Exception {
    return title(script, new MapFiles(DEV));
  }

  static String title(String script, MapFiles files) throws Exception {
    return entry(run(script + "\nmenuentry \"$r\" { true }\n", files), 0).title();
  }

  static Limits.Builder limits() {
    return Limits.DEFAULT.toBuilder();
  }

  @Test
  void quotingAndEscapes() throws Exception {
    assertEquals("a b", title("r='a b'"));
    assertEquals("a $x \\q \" b", title("x=1; r=\"a \\$x \\q \\\" b\""));
    assertEquals("a$x", title("x=1; r='a$x'"));
    assertEquals("ab", title("r=a\\\nb"));
    assertEquals("it's", title("r=it\\'s"));
    assertEquals("x#y", title("r=x#y # a comment"));
    assertEquals("12", title("a=1\nb=2\nr=$a$b"));
    assertEquals("1-2", title("a=1 ; b=2 ; r=${a}-${b}"));
    assertEquals("[v]", title("v=v; r=\"[${v}]\""));
    assertEquals("$", title("r=$"));
    assertEquals("", title("r=$undefined"));
  }

  @Test
  void unquotedVariablesSplitIntoWords() throws Exception {
    Menu m = run("opts='quiet   splash'\nmenuentry T {\n linux /vmlinuz $opts \"$opts\"\n}\n");
    assertEquals("quiet splash quiet   splash", entry(m, 0).args());
    Menu empty = run("menuentry T {\n linux /vmlinuz $nothing x\n}\n");
    assertEquals("x", entry(empty, 0).args());
  }

  @Test
  void menuentryTitleIdAndOptionsAnyForm() throws Exception {
    Menu m = run("menuentry Plain --id=p1 --class a --class=b --users alice --hotkey=x {\n true\n}\n"
        + "menuentry --unrestricted \"Quoted title\" --id 'q 1' {\n true\n}\n"
        + "menuentry_id_option=--id\nmenuentry 'Via var' $menuentry_id_option v1 {\n true\n}\n"
        + "menuentry_id_option=\nmenuentry 'Old grub' $menuentry_id_option v2 {\n true\n}\n");
    assertEquals("Plain", entry(m, 0).title());
    assertEquals("p1", entry(m, 0).id());
    assertEquals(List.of("a", "b"), entry(m, 0).classes());
    assertEquals(Optional.of("alice"), entry(m, 0).users());
    assertEquals("Quoted title", entry(m, 1).title());
    assertEquals("q 1", entry(m, 1).id());
    assertTrue(entry(m, 1).unrestricted());
    assertEquals("v1", entry(m, 2).id());
    assertEquals("", entry(m, 3).id());
    assertEquals(Entry.Kind.OTHER, entry(m, 0).kind()); // no loader in the body
  }

  @Test
  void ifElifElseAndTestOperators() throws Exception {
    String s = "x=5\n"
        + "if [ $x -gt 9 ]; then r=big; elif [ $x -ge 5 -a \"$x\" != 6 ]; then r=mid; else r=small; fi";
    assertEquals("mid", title(s));
    assertEquals("y", title("if [ -z \"$u\" -o -n \"\" ]; then r=y; else r=n; fi"));
    assertEquals("y", title("if ! [ a = b ]; then r=n; fi; if [ ! a = b ]; then r=y; fi"));
    assertEquals("y", title("if [ 010 -eq 8 ]; then r=y; else r=n; fi"));
    assertEquals("y", title("if test 0x10 -eq 16 ; then r=y; fi"));
    assertEquals("y", title("if [ ( a = a ) -a ( b = b ) ]; then r=y; fi"));
    assertEquals("y", title("if [ \"a\" \"<\" b ]; then r=y; fi"));
    assertEquals("n", title("if [ \"\" ]; then r=y; else r=n; fi"));
    assertEquals("y", title("if true; then r=y; fi"));
    assertEquals("n", title("if false; then r=y; else r=n; fi"));
  }

  @Test
  void fileTestsLookAtTheGuest() throws Exception {
    MapFiles f = new MapFiles(DEV).put(DEV, "/boot/xen.gz", "xen").put(DEV, "/empty", new byte[0])
        .put("hd1", "/other", "x");
    String s = "r=\nif [ -e /boot/xen.gz ]; then r=${r}e; fi\n"
        + "if [ -f /boot ]; then r=${r}F; fi\nif [ -d /boot ]; then r=${r}d; fi\n"
        + "if [ -s /empty ]; then r=${r}S; fi\nif [ -f /empty ]; then r=${r}f; fi\n"
        + "if [ -e (hd1)/other ]; then r=${r}o; fi\nif [ -e /other ]; then r=${r}O; fi\n"
        + "if [ -f $prefix/grub.cfg ]; then r=${r}p; fi\n"
        + "menuentry \"$r\" { true }\n";
    assertEquals("edfop", entry(run(s, f), 0).title());
  }

  @Test
  void loopsAreBounded() throws Exception {
    assertEquals("a b c ", title("r=\nfor i in a b c; do r=\"$r$i \"; done"));
    assertEquals("xxx", title("r=\nwhile [ \"$r\" != xxx ]; do r=${r}x; done"));
    assertEquals("xx", title("r=\nuntil [ \"$r\" = xx ]; do r=${r}x; done"));
    assertEquals("ab", title("r=\nfor i in a b c d; do if [ $i = c ]; then break; fi; r=$r$i; done"));
    assertEquals("ad", title("r=\nfor i in a b c d; do if [ $i = b -o $i = c ]; then continue; fi; r=$r$i; done"));
    Limits.Builder b = limits();
    b.scriptSteps = 10_000;
    Menu m = run("menuentry First { linux /a }\nwhile true; do true; done\nmenuentry Never { linux /b }\n",
        new MapFiles(DEV).withLimits(b.build()));
    assertEquals(1, m.items().size());
    assertTrue(m.warnings().get(0).message().contains("stopped after 10000"));
  }

  @Test
  void functionsParametersReturnAndRecursionBound() throws Exception {
    assertEquals("2:a b:b", title("function f { r=\"$#:$@:$2\"; }\nf a b"));
    assertEquals("1", title("function f { return 3; r=bad; }\nf\nr=$?\nif [ $r = 3 ]; then r=1; fi"));
    assertEquals("", title("function f { shift; r=$1; }\nf only"));
    MapFiles inc = new MapFiles(DEV).put(DEV, "/inc.cfg", "r=early\nreturn\nr=late\n");
    assertEquals("early-after", title("source /inc.cfg\nr=$r-after", inc));
    Menu m = run("function f { f; }\nf\nmenuentry After { linux /v }\n");
    assertEquals("After", entry(m, 0).title());
    assertTrue(m.warnings().get(0).message().contains("deeper than"));
  }

  @Test
  void entryBodiesRunAtBootWithTheScriptsFinalVariables() throws Exception {
    Menu m = run("set root=hd0,msdos2\nk=/vmlinuz-1\nmenuentry A {\n linux $k root=$r\n initrd /i1 /i2\n}\n"
        + "k=/vmlinuz-2\nr=/dev/xvda2\n"
        + "menuentry B {\n set root=(hd0,msdos3)\n linux /v\n initrd /a\n initrd /b\n}\n"
        + "menuentry C {\n linux ($root)/v\n}\n"
        + "menuentry D {\n linux (lvm/vg-root)/boot/vmlinuz\n}\n"
        + "menuentry E {\n chainloader +1\n}\n");
    // GRUB runs an entry's body when it is booted: $k is the script's last value.
    assertEquals("/vmlinuz-2", entry(m, 0).kernel());
    assertEquals("root=/dev/xvda2", entry(m, 0).args());
    assertEquals(List.of("/i1", "/i2"), entry(m, 0).initrds());
    assertEquals(Optional.of("hd0,msdos2"), entry(m, 0).root());
    assertEquals(Optional.of("hd0,msdos3"), entry(m, 1).root());
    assertEquals(List.of("/b"), entry(m, 1).initrds()); // the last initrd command wins
    // One entry's "set root" is not seen by the next.
    assertEquals("(hd0,msdos2)/v", entry(m, 2).kernel());
    assertEquals("(lvm/vg-root)/boot/vmlinuz", entry(m, 3).kernel());
    assertEquals(Entry.Kind.LINUX, entry(m, 3).kind());
    assertEquals(Entry.Kind.OTHER, entry(m, 4).kind());
  }

  @Test
  void entryBodiesGetTheTitleAsDollarOneAndChosen() throws Exception {
    Menu m = run("submenu S --id s {\n menuentry 'T' --id t extra {\n linux /v $1 $2 $# $chosen\n }\n}\n");
    Entry e = (Entry) ((Submenu) m.items().get(0)).items().get(0);
    assertEquals("T extra 2 s>t", e.args());
  }

  @Test
  void submenusSeeOnlyExportedVariables() throws Exception {
    Menu m = run("a=plain\nb=exported\nexport b\nsubmenu 'S' --id s {\n"
        + "  menuentry \"[$a][$b]\" --id e { linux /v }\n  submenu Inner { menuentry Deep { linux /d } }\n}\n");
    Submenu s = (Submenu) m.items().get(0);
    assertEquals("[][exported]", s.items().get(0).title());
    assertEquals("Deep", ((Submenu) s.items().get(1)).items().get(0).title());
  }

  @Test
  void sourceAddsToTheMenuConfigfileReplacesIt() throws Exception {
    MapFiles f = new MapFiles(DEV)
        .put(DEV, "/boot/grub/extra/extra.cfg",
            "menuentry Extra { linux /e }\nset timeout=7\ninner=$config_directory\n")
        .put(DEV, "/boot/grub/other.cfg", "menuentry \"Other $mark\" { linux /o }\nset default=0\n");
    Menu m = run("menuentry Main { linux /m }\nsource $prefix/extra/extra.cfg\n"
        + "menuentry \"$inner $config_directory\" { true }\n", f);
    assertEquals(3, m.items().size());
    // While a file is read, config_directory is its directory; afterwards the old value is back.
    assertEquals("(hd0,msdos1)/boot/grub/extra (hd0,msdos1)/boot/grub", m.items().get(2).title());
    assertEquals(7, m.timeoutSeconds());
    Menu r = run("mark=x\nexport mark\nset default=5\nmenuentry Main { linux /m }\n"
        + "configfile /boot/grub/other.cfg\nmenuentry Never { linux /n }\n", f);
    assertEquals(1, r.items().size());
    assertEquals("Other x", r.items().get(0).title());
    assertEquals("0", r.defaultSpec());
  }

  @Test
  void includesAreBounded() throws Exception {
    MapFiles f = new MapFiles(DEV).put(DEV, "/boot/grub/loop.cfg", "source /boot/grub/loop.cfg\n");
    Menu m = run("source /boot/grub/loop.cfg\nmenuentry Still { linux /v }\n", f);
    assertEquals(1, m.items().size());
    assertTrue(m.warnings().get(0).message().contains("deeper than 8"));
  }

  @Test
  void loadEnvFileAndWhitelist() throws Exception {
    MapFiles f = new MapFiles(DEV)
        .put(DEV, "/env", MapFiles.grubenv("a=1", "b=2", "c=with\\\\back\\\nline"));
    assertEquals("1-", title("load_env -f /env a\nr=$a-$b", f));
    MapFiles g = new MapFiles(DEV).put(DEV, "/env", MapFiles.grubenv("c=with\\\\back"));
    assertEquals("with\\back", entry(run("load_env --file=/env\nmenuentry \"$c\" { true }\n", g), 0).title());
  }

  @Test
  void environmentBlockParsing() {
    List<EnvBlock.Var> v = EnvBlock.parse(
        "# GRUB Environment Block\nsaved_entry=a>b\nx=p\\\\q\\\nr\n#####\nnoequals\n");
    assertEquals(List.of(new EnvBlock.Var("saved_entry", "a>b"), new EnvBlock.Var("x", "p\\q\nr")), v);
    assertEquals(null, EnvBlock.parse("saved_entry=x\n"));
  }

  @Test
  void searchFormsSetTheVariable() throws Exception {
    MapFiles f = new MapFiles(DEV).uuid("hd1,gpt2", "u-1").label("hd2", "K3OS_STATE")
        .put("hd3", "/k3os/marker", "x");
    assertEquals("hd1,gpt2 hd2 hd3 hd2", title(
        "search --no-floppy --fs-uuid --set=a --hint-bios=hd0 u-1\nsearch.fs_label K3OS_STATE b\n"
            + "search --file --set=c /k3os/marker\nsearch -l K3OS_STATE -s\nr=\"$a $b $c $root\"", f));
  }

  @Test
  void brokenStanzaIsAWarningAndTheRestWorks() throws Exception {
    Menu m = run("menuentry Good1 { linux /a }\n"
        + "menuentry Broken {\n  if [ x = x ]; then\n  linux /b\n  fi fi\n}\n"
        + "menuentry Good2 { linux /c }\n"
        + "frobnicate --now\n"
        + "echo 'unterminated\n");
    assertEquals(List.of("Good1", "Good2"), List.of(m.items().get(0).title(), m.items().get(1).title()));
    assertEquals(2, m.items().size());
    List<Warning> w = m.warnings();
    assertEquals(3, w.size(), w.toString());
    assertEquals(5, w.get(0).line());
    assertTrue(w.get(1).message().contains("unknown command 'frobnicate'"));
    assertTrue(w.get(2).message().contains("unterminated single quote"));
    assertEquals("/boot/grub/grub.cfg", w.get(0).file());
  }

  @Test
  void invalidUtf8TitlesSurviveAsBytes() throws Exception {
    byte[] script = "menuentry 'caf\u00e9' { linux /a }\nmenuentry 'x\u00ff' { linux /b }\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Menu m = run(script, new MapFiles(DEV));
    assertEquals("caf\u00e9", m.items().get(0).title()); // 0xE9 alone is not UTF-8: kept as a byte
    byte[] utf8 = "menuentry 'Debian café' { linux /a }\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("Debian café", run(utf8, new MapFiles(DEV)).items().get(0).title());
  }

  @Test
  void limitsOnSizeEntriesAndStrings() throws Exception {
    Limits.Builder b = limits();
    b.configFileBytes = 64;
    Limits size = b.build();
    assertThrows(LimitExceededException.class,
        () -> run("#".repeat(65) + "\nmenuentry A { linux /a }\n", new MapFiles(DEV).withLimits(size)));
    b = limits();
    b.menuEntries = 3;
    Menu m = run("for i in 1 2 3 4 5 6; do menuentry \"e$i\" { linux /v }; done\n",
        new MapFiles(DEV).withLimits(b.build()));
    assertEquals(3, m.items().size());
    b = limits();
    b.stringBytes = 100;
    String fifty = "x".repeat(50);
    Menu s = run("a=" + fifty + "\na=$a$a$a\nmenuentry \"ok$a\" { linux /v }\n",
        new MapFiles(DEV).withLimits(b.build()));
    assertEquals("ok" + fifty, s.items().get(0).title());
    assertTrue(s.warnings().get(0).message().contains("more than 100 bytes"));
  }

  @Test
  void deepNestingIsASyntaxWarning() throws Exception {
    String deep = "if true; then ".repeat(200) + "true" + "; fi".repeat(200) + "\n";
    Menu m = run(deep + "menuentry After { linux /v }\n");
    assertEquals("After", m.items().get(0).title());
    assertTrue(m.warnings().get(0).message().contains("nested deeper"));
  }

  @Test
  void noEntriesIsNotFound() {
    assertThrows(NotFoundException.class, () -> run("set default=0\n"));
  }

  @Test
  void platformVariables() throws Exception {
    assertEquals("xen x86_64 (hd0,msdos1)/boot/grub hd0,msdos1 y y", title(
        "r=\"$grub_platform $grub_cpu $prefix $root $feature_timeout_style $feature_200_final\""));
    Menu m = run("set timeout=3\nset timeout_style=countdown\nset fallback=1\n"
        + "menuentry A { linux /a }\n");
    assertEquals(3, m.timeoutSeconds());
    assertTrue(m.hidden());
    assertEquals(Optional.of("1"), m.fallback());
    assertEquals(-1, run("menuentry A { linux /a }").timeoutSeconds());
    assertEquals(-1, run("timeout=soon\nmenuentry A { linux /a }").timeoutSeconds());
    assertEquals(-1, run("timeout=-1\nmenuentry A { linux /a }").timeoutSeconds());
    assertEquals(10, run("timeout=10s\nmenuentry A { linux /a }").timeoutSeconds());
    assertFalse(run("menuentry A { linux /a }").hidden());
  }
}
