package org.jgrub.config.bls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Warning;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.Limits;

/**
 * Reads the {@code *.conf} entries of a BLS directory and sorts them the way the boot loader that
 * reads them does: Fedora's blscfg or systemd-boot.
 */
public final class BlsScan {
  private BlsScan() {}

  /**
   * The entries of {@code dir} on {@code device}, unsorted; empty when the directory does not
   * exist. Unreadable or oversized files become warnings.
   */
  public static Optional<List<BlsEntry>> read(
      GuestFiles files, String device, String dir, List<Warning> warnings) throws IOException {
    Optional<List<String>> names = files.list(device, dir);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    Limits limits = files.bounds().limits();
    List<BlsEntry> out = new ArrayList<>();
    for (String name : names.get()) {
      if (name.startsWith(".") || name.length() <= 5 || !name.endsWith(".conf")) {
        continue;
      }
      if (out.size() >= limits.menuEntries) {
        warnings.add(new Warning(dir, 0, "more than " + limits.menuEntries
            + " BLS entries; the rest are ignored"));
        break;
      }
      String path = dir + "/" + name;
      Optional<byte[]> bytes;
      try {
        bytes = files.read(device, path, limits.configFileBytes + 1);
      } catch (BudgetExceededException e) {
        throw e;
      } catch (JgrubException e) {
        // One unreadable entry (a symlink loop, a damaged file) hides no other, as in
        // systemd-boot, which skips a file it cannot read.
        warnings.add(new Warning(path, 0, e.getMessage() + "; entry skipped"));
        continue;
      }
      if (bytes.isEmpty()) {
        continue;
      }
      if (bytes.get().length > limits.configFileBytes) {
        warnings.add(new Warning(path, 0, "larger than " + limits.configFileBytes
            + " bytes; entry skipped"));
        continue;
      }
      out.add(BlsEntry.parse(name, bytes.get()));
    }
    return Optional.of(out);
  }

  /**
   * Fedora's blscfg order: the file name without ".conf" is split like an RPM package name into
   * name-version-release at its last two dashes, and entries are sorted by name, then version, then
   * release with rpmvercmp, newest first. Two entries that compare equal keep the first read, as
   * blscfg refuses the duplicate.
   */
  public static List<BlsEntry> sortForGrub(List<BlsEntry> entries) {
    List<BlsEntry> sorted = new ArrayList<>(entries);
    sorted.sort(GRUB_ORDER);
    List<BlsEntry> out = new ArrayList<>(sorted.size());
    for (BlsEntry e : sorted) {
      if (out.isEmpty() || GRUB_ORDER.compare(out.get(out.size() - 1), e) != 0) {
        out.add(e);
      }
    }
    return out;
  }

  private static final Comparator<BlsEntry> GRUB_ORDER = new Comparator<>() {
    @Override
    public int compare(BlsEntry x, BlsEntry y) {
      String[] a = splitPackage(x.id());
      String[] b = splitPackage(y.id());
      for (int k = 0; k < 3; k++) {
        int c = VersionCompare.rpm(a[k], b[k]);
        if (c != 0) {
          return -c;
        }
      }
      return 0;
    }
  };

  /** name, version, release: release after the last '-', version after the one before. */
  static String[] splitPackage(String s) {
    int r = s.lastIndexOf('-');
    if (r < 0) {
      return new String[] {s, null, null};
    }
    String release = s.substring(r + 1);
    String rest = s.substring(0, r);
    int v = rest.lastIndexOf('-');
    if (v < 0) {
      return new String[] {rest, release, null};
    }
    return new String[] {rest.substring(0, v), rest.substring(v + 1), release};
  }

  /**
   * systemd-boot's order (UAPI Boot Loader Specification, "Sorting"): entries with a sort-key
   * first, by sort-key, then machine-id, then version (newest first); then entries without one, by
   * file name in version order, newest first. Entries whose boot counter says no tries are left
   * ("+0-N" in the name) go last.
   */
  public static List<BlsEntry> sortForSystemdBoot(List<BlsEntry> entries) {
    List<BlsEntry> sorted = new ArrayList<>(entries);
    sorted.sort(SYSTEMD_ORDER);
    return sorted;
  }

  private static final Comparator<BlsEntry> SYSTEMD_ORDER = new Comparator<>() {
    @Override
    public int compare(BlsEntry x, BlsEntry y) {
      boolean bx = triesExhausted(x.fileName());
      boolean by = triesExhausted(y.fileName());
      if (bx != by) {
        return bx ? 1 : -1;
      }
      if ((x.sortKey() != null) != (y.sortKey() != null)) {
        return x.sortKey() != null ? -1 : 1;
      }
      if (x.sortKey() != null) {
        int c = x.sortKey().compareTo(y.sortKey());
        if (c != 0) {
          return c;
        }
        c = compareNullable(x.machineId(), y.machineId());
        if (c != 0) {
          return c;
        }
        c = VersionCompare.uapi(y.version(), x.version());
        if (c != 0) {
          return c;
        }
      }
      return VersionCompare.uapi(bootId(y.fileName()), bootId(x.fileName()));
    }
  };

  private static int compareNullable(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }

  /**
   * The entry id systemd-boot uses: the file name without its boot counter ("+3-1"), which sits
   * before the ".conf" or ".efi" suffix.
   */
  public static String bootId(String fileName) {
    String suffix = suffix(fileName);
    String base = fileName.substring(0, fileName.length() - suffix.length());
    int plus = base.lastIndexOf('+');
    if (plus > 0 && counter(base, plus + 1)) {
      base = base.substring(0, plus);
    }
    return base + suffix;
  }

  private static String suffix(String fileName) {
    if (fileName.endsWith(".conf")) {
      return ".conf";
    }
    int n = fileName.length();
    return n > 4 && fileName.regionMatches(true, n - 4, ".efi", 0, 4) ? fileName.substring(n - 4) : "";
  }

  private static boolean counter(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (!(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean triesExhausted(String fileName) {
    String base = fileName.substring(0, fileName.length() - suffix(fileName).length());
    int plus = base.lastIndexOf('+');
    if (plus < 0 || !counter(base, plus + 1)) {
      return false;
    }
    String c = base.substring(plus + 1);
    int dash = c.indexOf('-');
    String left = dash < 0 ? c : c.substring(0, dash);
    return left.equals("0");
  }
}
