package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Optional;
import org.jgrub.io.UsageException;
import org.junit.jupiter.api.Test;

/** pygrub's getopt rules: the forms libxl and administrators use. */
class OptionsTest {
  @Test
  void libxlCommandLine() throws Exception {
    Options o =
        Options.parse(
            new String[] {
              "--output=/var/run/xen/bootloader.7.out", "--output-format=simple0",
              "--output-directory=/var/run/xen/bootloader.7.d", "/dev/vg/guest-disk"
            });
    assertEquals(Optional.of(Paths.get("/var/run/xen/bootloader.7.out")), o.output);
    assertEquals("simple0", o.format);
    assertEquals(Paths.get("/var/run/xen/bootloader.7.d"), o.outputDirectory);
    assertEquals(Paths.get("/dev/vg/guest-disk"), o.disk);
    assertTrue(o.interactive);
  }

  @Test
  void optionsAfterTheImageSeparateArgumentsAndPrefixes() throws Exception {
    Options o = Options.parse(new String[] {"disk.img", "--ent", "2", "--output=-", "-qn", "--arg", "x=1"});
    assertEquals(Optional.of("2"), o.entry);
    assertEquals(Optional.empty(), o.output);
    assertFalse(o.interactive);
    assertTrue(o.notReally);
    assertEquals("x=1", o.args);
    assertEquals(Paths.get("disk.img"), o.disk);
  }

  @Test
  void ambiguousPrefixUnknownOptionAndMissingArgument() {
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--output", }));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--out=x", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--outp=x", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--bogus", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"-x", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--quiet=1", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"-q"}));
  }

  @Test
  void valuesAreChecked() {
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--offset=abc", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--runas=root", "-q", "d"}));
    assertThrows(UsageException.class, () -> Options.parse(new String[] {"--output-format=xml", "d"}));
    UsageException e =
        assertThrows(UsageException.class, () -> Options.parse(new String[] {"--runas=1000", "d"}));
    assertTrue(e.getMessage().contains("--entry or -q"));
  }

  @Test
  void entryImpliesNonInteractiveAndDashDashEndsOptions() throws Exception {
    Options o = Options.parse(new String[] {"--entry=Debian GNU/Linux", "--", "-weird-name.img"});
    assertFalse(o.interactive);
    assertEquals(Paths.get("-weird-name.img"), o.disk);
    assertEquals(Optional.of(123456789L), Options.parse(new String[] {"--offset", "123456789", "d"}).offset);
  }
}
