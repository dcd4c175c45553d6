package org.jgrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms of DESIGN.md as each package-info.java states them: which jgrub packages a package's
 * main code may import. Checked on the import lines of every main source file.
 */
class PackageRulesTest {
  private static final Path MAIN = Path.of("src/main/java/org/jgrub");
  private static final Set<String> FS_DRIVERS =
      Set.of("ext", "fat", "iso9660", "reiserfs", "ufs", "xfs", "btrfs", "zfs", "squashfs");

  /** Whether code in package {@code from} may import package {@code to} (both below org.jgrub). */
  static boolean allowed(String from, String to) {
    if (to.equals(from) || from.equals("cli")) {
      return true;
    }
    String top = to.contains(".") ? to.substring(0, to.indexOf('.')) : to;
    return switch (from) {
      case "io" -> false;
      case "compress", "fs", "config", "pe" -> to.equals("io");
      // GRUB's EFI images are PE files whose mods section holds the module area.
      case "grubcore" -> to.equals("io") || to.equals("pe");
      // volume finds volume managers inside partitions, one sub-package each (volume.lvm).
      case "volume" -> to.equals("io") || to.startsWith("volume.");
      // image detects its formats, one sub-package each; they use image's shared pieces.
      case "image" -> to.equals("io") || to.equals("compress") || to.startsWith("image.");
      case "api" -> Set.of("boot", "config", "fs", "volume", "image", "io").contains(top);
      // An MD array is a disk to GRUB: volume.md reads the partition table inside it through volume.
      case "volume.md" -> to.equals("volume") || to.equals("io");
      case "menu" -> to.equals("config") || to.equals("io");
      case "config.text" -> to.equals("config") || to.equals("io");
      // Filesystems stay behind the fs interface: subvolumes and datasets are its capabilities.
      case "boot" -> Set.of("config", "menu", "fs", "volume", "image", "grubcore", "pe", "io").contains(top)
          && (!top.equals("fs") || to.equals("fs"));
      default -> {
        if (from.startsWith("fs.")) {
          yield to.equals("fs") || to.equals("io") || to.equals("compress");
        }
        if (from.startsWith("volume.")) {
          yield to.equals("volume") || to.equals("io");
        }
        if (from.startsWith("image.")) {
          yield to.equals("image") || to.equals("io") || to.equals("compress");
        }
        if (from.startsWith("config.")) {
          yield to.equals("config") || to.equals("config.text") || to.equals("io")
              || (from.equals("config.grub2") && to.equals("config.bls"))
              || (from.equals("config.bls") && to.equals("config.uki"))
              || ((from.equals("config.bls") || from.equals("config.uki")) && to.equals("pe"));
        }
        throw new AssertionError("no rule for package " + from + ": add one to its package-info"
            + " and here");
      }
    };
  }

  @Test
  void everyImportStaysInsideItsRoom() throws IOException {
    List<String> broken = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(MAIN)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = MAIN.relativize(p.getParent()).toString().replace('/', '.');
        files++;
        for (String line : Files.readAllLines(p)) {
          if (!line.startsWith("import org.jgrub.")
              && !line.startsWith("import static org.jgrub.")) {
            continue;
          }
          String name = line.substring(line.indexOf("org.jgrub.") + "org.jgrub.".length());
          StringBuilder pkg = new StringBuilder();
          for (String part : name.split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) {
              break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(part);
          }
          if (!allowed(from, pkg.toString())) {
            broken.add(MAIN.relativize(p) + ": " + line);
          }
        }
      }
    }
    assertTrue(files > 100, "only " + files + " files under " + MAIN);
    assertEquals(List.of(), broken);
  }

  @Test
  void everyPackageSaysWhatItIsForAndWhatItMayNotImport() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> s = Files.walk(MAIN)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        boolean code;
        try (Stream<Path> f = Files.list(d)) {
          code = f.anyMatch(x -> x.toString().endsWith(".java"));
        }
        Path info = d.resolve("package-info.java");
        if (code && (!Files.exists(info) || !Files.readString(info).contains("import"))) {
          missing.add(MAIN.relativize(d).toString());
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void theRuleRefusesWhatDesignForbids() {
    assertTrue(allowed("fs.ext", "fs"));
    assertTrue(allowed("grubcore", "pe") && allowed("config.uki", "pe") && allowed("boot", "pe"));
    assertTrue(!allowed("pe", "config") && !allowed("pe", "grubcore") && !allowed("grubcore", "config"));
    assertTrue(!allowed("fs.ext", "fs.xfs"));
    assertTrue(!allowed("fs", "config"));
    assertTrue(!allowed("menu", "boot"));
    assertTrue(!allowed("boot", "cli"));
    assertTrue(!allowed("boot", "fs.ext"));
    assertTrue(!allowed("io", "fs"));
    assertTrue(FS_DRIVERS.stream().noneMatch(d -> allowed("config.grub2", "fs." + d)));
  }
}
