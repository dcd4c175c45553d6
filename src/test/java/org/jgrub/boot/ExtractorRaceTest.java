package org.jgrub.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.UsageException;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.Renamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unprivileged user renames a symlink to a root-only file over each new output file's name,
 * in a directory that user may write. With the directory check bypassed, the race is run and won
 * by the attacker (the names are swapped), yet the victim is never written: the copy goes through
 * the descriptor that created the file. Such a directory is refused all the same, since the name
 * handed to the toolstack is the attacker's. Needs root, python3 and util-linux (setpriv).
 */
class ExtractorRaceTest {
  private static final byte[] VICTIM = "root's file, not a kernel\n".getBytes(StandardCharsets.UTF_8);
  private static final Log QUIET = new Log() {
    @Override
    public void info(String message) {}

    @Override
    public void debug(String message) {}
  };

  @TempDir Path tmp;

  @Test
  void renamedLinksNeverRedirectAWrite() throws Exception {
    assertEquals("root", System.getProperty("user.name"), "the race needs root and uid 65534");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path priv = Files.createDirectory(tmp.resolve("private"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path victim = priv.resolve("victim");
    Files.write(victim, VICTIM);
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    UsageException refused = assertThrows(UsageException.class, () -> Extractor.open(shared, org.jgrub.io.Bounds.DEFAULT));
    assertTrue(refused.getMessage().contains("is writable by other users (mode 0777) and not sticky"),
        refused.getMessage());

    int renamed = 0;
    try (GuestDisk disk = GuestDisk.open(Fixtures.sample(), Optional.empty(), org.jgrub.io.Bounds.DEFAULT, QUIET);
        Renamer r = Renamer.start(shared, victim, tmp)) {
      LoadedConfig cfg = disk.loadConfig(QUIET);
      BootRequest req = new BootRequest(Fixtures.sample(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), "", false, shared);
      BootPlan plan = Bootloader.plan(disk, cfg, Bootloader.choose(cfg, Optional.empty(), QUIET), req, QUIET);
      for (int run = 0; run < 10; run++) {
        try (Extractor x = Extractor.openUnchecked(shared, org.jgrub.io.Bounds.DEFAULT)) {
          x.extract(plan);
        }
        assertArrayEquals(VICTIM, Files.readAllBytes(victim), "run " + run + " wrote the victim");
      }
      List<String> log = r.stop();
      for (String l : log) {
        renamed += l.startsWith("renamed ") ? 1 : 0;
      }
      assertTrue(renamed > 0, "the attacker never won a rename, so the test proved nothing: " + log);
    }
    assertArrayEquals(VICTIM, Files.readAllBytes(victim));
  }
}
