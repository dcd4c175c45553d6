package org.jgrub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.jgrub.io.UnsupportedFeatureException;
import org.junit.jupiter.api.Test;

/** The registered formats: unique names, each reachable, and --isconfig's recognition order. */
class ConfigFormatTest {
  private static String host(String name, String text) {
    return Discovery.hostFormat(name, text.getBytes(StandardCharsets.ISO_8859_1)).name();
  }

  @Test
  void everyFormatIsRegisteredOnceAndFoundByName() throws Exception {
    Set<String> names = new HashSet<>();
    for (ConfigFormat f : Discovery.FORMATS) {
      assertEquals(true, names.add(f.name()), f.name());
      assertEquals(f, Discovery.format(f.name()));
      assertEquals(f.name(), f.parser().format());
      assertNotNull(f.synthesize(org.jgrub.config.Entry.linux("t", "/k", java.util.List.of(), "", java.util.Optional.empty())));
    }
    assertEquals(Set.of("grub2", "grub1", "syslinux", "lilo", "bls"), names);
    for (Discovery.Candidate c : Discovery.PYGRUB_ORDER) {
      assertEquals(true, Discovery.FORMATS.contains(c.format()), c.path());
    }
    for (Discovery.Candidate c : Discovery.BEYOND_PYGRUB) {
      assertEquals(true, Discovery.FORMATS.contains(c.format()), c.path());
    }
    assertThrows(UnsupportedFeatureException.class, () -> Discovery.format("grub3"));
  }

  @Test
  void hostFilesAreToldByNameThenByContent() {
    assertEquals("grub2", host("grub.cfg", "title x"));
    assertEquals("grub2", host("guest.grub2", ""));
    assertEquals("grub1", host("menu.lst", "menuentry x {}"));
    assertEquals("grub1", host("grub.conf", ""));
    assertEquals("syslinux", host("extlinux.conf", "image=/vmlinuz"));
    assertEquals("syslinux", host("isolinux.cfg", ""));
    assertEquals("lilo", host("lilo.conf", "menuentry"));
    assertEquals("grub2", host("config", "menuentry 'x' {\n}\n"));
    assertEquals("grub1", host("config", "title x\nkernel /k\n"));
    assertEquals("grub1", host("config", "default 0\ntitle x\n"));
    assertEquals("lilo", host("config", "image = /boot/vmlinuz\n"));
    assertEquals("syslinux", host("config", "LABEL x\nKERNEL /k\n"));
  }
}
