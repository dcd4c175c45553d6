package org.jgrub.config.bls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * systemd-boot's menu order and titles (src/boot/boot.c: {@code boot_entry_compare}, {@code
 * generate_boot_entry_titles}; bootctl's bootspec.c agrees).
 */
final class SdOrder {
  private SdOrder() {}

  /**
   * Entries with no tries left last; entries with a sort-key before those without, by sort-key,
   * machine-id (none first) and version (newest first); then by id, newest first; the profiles of
   * one image by number; then more tries left first, fewer tries done first.
   */
  static final Comparator<SdEntry> ORDER = new Comparator<>() {
    @Override
    public int compare(SdEntry a, SdEntry b) {
      int c = Boolean.compare(a.triesLeft() == 0, b.triesLeft() == 0);
      if (c != 0) {
        return c;
      }
      String ka = a.entry().sortKey();
      String kb = b.entry().sortKey();
      c = Boolean.compare(ka == null, kb == null);
      if (c != 0) {
        return c;
      }
      if (ka != null) {
        c = ka.compareTo(kb);
        if (c != 0) {
          return c;
        }
        c = nullFirst(a.entry().machineId(), b.entry().machineId());
        if (c != 0) {
          return c;
        }
        c = -VersionCompare.uapi(a.entry().version(), b.entry().version());
        if (c != 0) {
          return c;
        }
      }
      c = -VersionCompare.uapi(image(a), image(b));
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a.profile(), b.profile());
      if (c != 0 || a.triesLeft() < 0 || b.triesLeft() < 0) {
        return c;
      }
      c = -Integer.compare(a.triesLeft(), b.triesLeft());
      return c != 0 ? c : Integer.compare(a.triesDone(), b.triesDone());
    }
  };

  private static String image(SdEntry e) {
    return e.idWithoutProfile() != null ? e.idWithoutProfile() : e.id();
  }

  private static int nullFirst(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  /**
   * The titles shown, made unique as systemd-boot does: a title shared by several entries gets the
   * version; if still shared, the first 8 characters of the machine-id; if still shared, the id.
   */
  static List<String> titles(List<SdEntry> sorted) {
    int n = sorted.size();
    List<String> show = new ArrayList<>(n);
    for (SdEntry e : sorted) {
      show.add(e.title() != null ? e.title() : e.id());
    }
    boolean[] unique = new boolean[n];
    java.util.Arrays.fill(unique, true);
    for (int stage = 0; stage < 3 && !markUnique(show, unique); stage++) {
      for (int i = 0; i < n; i++) {
        if (unique[i]) {
          continue;
        }
        SdEntry e = sorted.get(i);
        String add = switch (stage) {
          case 0 -> e.entry().version();
          case 1 -> e.entry().machineId() == null ? null
              : e.entry().machineId().substring(0, Math.min(8, e.entry().machineId().length()));
          default -> e.id();
        };
        if (stage < 2) {
          unique[i] = true; // systemd looks again only at titles it changes in the next stage.
        }
        if (add != null) {
          show.set(i, show.get(i) + " (" + add + ")");
        }
      }
    }
    return show;
  }

  /** Marks entries whose title another shares; true when every title is unique. */
  private static boolean markUnique(List<String> show, boolean[] unique) {
    Map<String, Integer> count = new HashMap<>();
    for (String s : show) {
      Integer c = count.get(s);
      count.put(s, c == null ? 1 : c + 1);
    }
    boolean all = true;
    for (int i = 0; i < show.size(); i++) {
      if (count.get(show.get(i)) > 1) {
        unique[i] = false;
        all = false;
      }
    }
    return all;
  }
}
