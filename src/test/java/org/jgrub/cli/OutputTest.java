package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.jgrub.io.UsageException;
import org.junit.jupiter.api.Test;

/** The three formats, byte for byte as pygrub's format_sxp and format_simple write them. */
class OutputTest {
  @Test
  void sxp() {
    assertEquals(
        "linux (kernel '/k')(ramdisk '/r')(args 'ro quiet')",
        Output.sxp("/k", Optional.of("/r"), "ro quiet"));
    assertEquals("linux (kernel '/k')", Output.sxp("/k", Optional.empty(), ""));
    assertEquals("linux (kernel '/k')(args \"it's\")", Output.sxp("/k", Optional.empty(), "it's"));
  }

  @Test
  void simpleAndSimple0() throws Exception {
    assertEquals(
        "kernel /k\nramdisk /r\nargs a b\n\n", Output.simple("/k", Optional.of("/r"), "a b", "\n"));
    assertEquals("kernel /k\0\0", Output.simple("/k", Optional.empty(), "", "\0"));
    assertThrows(UsageException.class, () -> Output.simple("/k", Optional.empty(), "a\nb", "\n"));
  }

  @Test
  void listingRootAsPygrubPrintsIt() {
    assertEquals("d0p1", Listing.root(Optional.of("hd0,msdos1")));
    assertEquals("d0p2", Listing.root(Optional.of("(hd0,gpt2)")));
    assertEquals("d0p0", Listing.root(Optional.of("hd0,0")));
    assertEquals("d1p1", Listing.root(Optional.of("/dev/xvdb,msdos1")));
    assertEquals("None", Listing.root(Optional.empty()));
  }
}
