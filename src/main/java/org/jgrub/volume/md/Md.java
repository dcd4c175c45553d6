package org.jgrub.volume.md;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.SliceDevice;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScanner;

/**
 * Linux MD arrays among a disk's volumes: every volume with an MD superblock is a member; members
 * are grouped by array UUID, the superblock with the highest event count describes the array,
 * members behind it are stale and left out, and the array becomes a volume named as GRUB names it
 * (grub-core/disk/diskfilter.c, mdraid_linux.c, mdraid1x_linux.c): {@code md/NAME} for a 1.x
 * array, NAME being the set name after its "host:" part; {@code md/mdN} for a 0.90 array with
 * preferred minor N; and {@code mduuid/HEX}, GRUB's id name, as its alias. A partition table
 * inside the array gives {@code md/NAME,msdos1} (alias {@code mduuid/HEX,msdos1}) and so on.
 * The members leave the list (their bytes are the array's), unless the array cannot be read:
 * then they stay, and a note says why (a member on another disk, a level not read).
 */
public final class Md {
  private Md() {}

  private record Member(Volume volume, Superblock sb) {}

  /**
   * {@code volumes} with the members of each readable array replaced by the array (at the place
   * of its first member) or the partitions inside it; what cannot be read is said in {@code notes}.
   */
  public static List<Volume> expand(List<Volume> volumes, List<String> notes, Bounds bounds)
      throws IOException {
    Map<String, List<Member>> arrays = new LinkedHashMap<>();
    Map<Volume, String> arrayOf = new HashMap<>();
    for (Volume v : volumes) {
      try {
        Optional<Superblock> sb = Superblock.find(v.device());
        if (sb.isPresent()) {
          String id = sb.get().uuidText();
          arrays.computeIfAbsent(id, k -> new ArrayList<>()).add(new Member(v, sb.get()));
          arrayOf.put(v, id);
        }
      } catch (BudgetExceededException e) {
        throw e;
      } catch (JgrubException e) {
        notes.add(v.description() + ": " + e.getMessage());
      }
    }
    if (arrays.isEmpty()) {
      return volumes;
    }
    Map<String, List<Volume>> built = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, List<Member>> a : arrays.entrySet()) {
      List<Member> members = a.getValue();
      String what = "MD array " + a.getKey() + " (" + members.get(0).volume().description() + ")";
      try {
        Array array = assemble(a.getKey(), members, names);
        String idname = idname(a.getKey());
        List<String> aliases = array.name.equals(idname) ? List.of() : List.of(idname);
        built.put(a.getKey(), VolumeScanner.inside(
            array.device, array.name, aliases, array.description, notes, bounds));
      } catch (BudgetExceededException e) {
        throw e;
      } catch (JgrubException e) {
        // assemble names the array in what it throws itself; the geometry's errors need the name.
        String m = e.getMessage();
        notes.add(m.startsWith("MD ") ? m : what + ": " + m);
      } catch (ArithmeticException e) {
        notes.add(what + ": sizes overflow a 64-bit byte offset");
      }
    }
    List<Volume> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (Volume v : volumes) {
      String id = arrayOf.get(v);
      List<Volume> b = id == null ? null : built.get(id);
      if (id != null && b == null) {
        // Kept so that the final error names it, and says what it is.
        out.add(new Volume(v.grubName(), v.description() + " (a member of MD array " + id
            + ", not assembled)", v.device(), v.partition()));
      } else if (b == null) {
        out.add(v);
      } else if (placed.add(id)) {
        out.addAll(b);
      }
    }
    return out;
  }

  private record Array(String name, String description, BlockDevice device) {}

  private static Array assemble(String uuid, List<Member> found, Set<String> names)
      throws IOException {
    Superblock sb = found.get(0).sb();
    for (Member m : found) {
      if (m.sb().events() > sb.events()) {
        sb = m.sb();
      }
    }
    String name = name(sb, uuid, names);
    int n = sb.raidDisks();
    String label = "MD " + level(sb.level()) + " array " + name + " (" + uuid + ", metadata "
        + sb.version() + ")";
    if (n < 1 || n > Superblock.MAX_DISKS) {
      throw new CorruptDataException(label + ": " + n + " members");
    }
    Member[] byRole = new Member[n];
    List<String> stale = new ArrayList<>();
    for (Member m : found) {
      Superblock s = m.sb();
      if (s.events() != sb.events() || s.role() < 0) {
        // Linux leaves such a member out too: it missed updates, or holds no slot.
        stale.add(m.volume().description()
            + (s.role() < 0 ? " (spare or faulty)" : " (events " + s.events() + " < " + sb.events() + ")"));
        continue;
      }
      if (s.level() != sb.level() || s.raidDisks() != n || s.chunk() != sb.chunk()
          || s.layout() != sb.layout()) {
        throw new CorruptDataException(label + ": " + m.volume().description()
            + " disagrees about the geometry with the newest superblock (same event count "
            + sb.events() + ")");
      }
      if (byRole[s.role()] == null) {
        byRole[s.role()] = m;
      } else {
        stale.add(m.volume().description() + " (a second member in slot " + s.role() + ")");
      }
    }
    long component = sb.componentSize();
    long[] sizes = new long[n];
    BlockDevice[] members = new BlockDevice[n];
    List<String> present = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (byRole[i] == null) {
        missing.add(i);
        continue;
      }
      Superblock s = byRole[i].sb();
      sizes[i] = s.dataSize();
      if (component == 0 && (sb.level() == 1 || sb.level() >= 4)) {
        component = s.dataSize(); // what GRUB uses when size is unset
      }
      present.add("slot " + i + " " + byRole[i].volume().description());
    }
    if (present.isEmpty()) {
      throw new UnsupportedFeatureException(label + ": no active member on the disks given"
          + (stale.isEmpty() ? "" : "; left out: " + String.join(", ", stale)));
    }
    for (int i = 0; i < n; i++) {
      if (byRole[i] != null && sb.level() != 0 && sb.level() != Geometry.LINEAR
          && component > sizes[i]) {
        throw new CorruptDataException(label + ": " + byRole[i].volume().description()
            + " holds " + sizes[i] + " bytes of data from byte " + byRole[i].sb().dataOffset()
            + ", less than the " + component + " bytes each member contributes");
      }
    }
    String counts = present.size() + " of " + n + " members";
    if (sb.level() != 10) {
      checkMissing(sb.level(), null, byRole, missing, label, counts, present, stale);
    }
    Geometry g;
    try {
      g = Geometry.of(sb, component, sizes);
    } catch (UnsupportedFeatureException e) {
      throw new UnsupportedFeatureException(label + ": " + e.getMessage());
    } catch (CorruptDataException e) {
      throw new CorruptDataException(label + ": " + e.getMessage());
    }
    if (sb.level() == 10) {
      checkMissing(10, g, byRole, missing, label, counts, present, stale);
    }
    for (int i = 0; i < n; i++) {
      if (byRole[i] != null) {
        Member m = byRole[i];
        long length = g.sizes != null ? g.sizes[i] : g.memberSize;
        members[i] = new SliceDevice(m.volume().device(), m.sb().dataOffset(), length,
            name + " member " + i + " (" + m.volume().description() + ")");
      }
    }
    String desc = label + ", " + counts
        + (stale.isEmpty() ? "" : " (left out: " + String.join(", ", stale) + ")");
    if (sb.level() == 1) {
      int use = raid1Member(byRole, component);
      return new Array(name, desc,
          new SliceDevice(members[use], 0, g.size, name + " (" + byRole[use].volume().description()
              + ")"));
    }
    return new Array(name, desc, new MdDevice(g, members, name));
  }

  /** Whether the members present hold every byte; names the missing ones if not. */
  private static void checkMissing(int level, Geometry g, Member[] byRole, List<Integer> missing,
      String label, String counts, List<String> present, List<String> stale)
      throws UnsupportedFeatureException {
    if (missing.isEmpty()) {
      return;
    }
    String why = null;
    switch (level) {
      case 1 -> why = null;
      case 4, 5 -> why = missing.size() > 1 ? "raid" + level + " reads with one member missing, not "
          + missing.size() : null;
      case 6 -> why = missing.size() > 1 ? "raid6 with two members missing needs the Q syndrome"
          + " (Galois-field recovery), which jgrub does not compute" : null;
      case 10 -> {
        for (int c = 0; c < g.disks && why == null; c++) {
          boolean any = false;
          for (int k = 0; k < g.near * g.far && !any; k++) {
            any = byRole[(int) g.raid10Copy(c * g.chunk, k)[0]] != null;
          }
          if (!any) {
            why = "every copy of chunk " + c + " lies on a missing member";
          }
        }
      }
      default -> why = level(level) + " needs every member";
    }
    if (why != null) {
      throw new UnsupportedFeatureException(label + ": " + counts + " found (" + String.join(", ", present)
          + "), slots " + missing + " missing" + (stale.isEmpty() ? "" : "; left out: "
          + String.join(", ", stale)) + ": " + why + "; an array with members on other disks cannot"
          + " be assembled without them: give each of those disks with --md-member=FILE");
    }
  }

  /** The first member fully in sync (a member being rebuilt holds valid data only partly). */
  private static int raid1Member(Member[] byRole, long component) {
    int partial = -1;
    for (int i = 0; i < byRole.length; i++) {
      if (byRole[i] == null) {
        continue;
      }
      long r = byRole[i].sb().recoveredTo();
      if (r < 0 || r >= component) {
        return i;
      }
      if (partial < 0) {
        partial = i;
      }
    }
    return partial;
  }

  /** GRUB's name: "md/" and the set name after "host:", or "md/md" and the 0.90 minor. */
  private static String name(Superblock sb, String uuid, Set<String> taken) {
    String n;
    if (sb.version().equals("0.90")) {
      n = "md/md" + sb.minor();
    } else {
      String set = sb.name();
      int colon = set.indexOf(':');
      n = "md/" + (colon >= 0 ? set.substring(colon + 1) : set);
    }
    // Two arrays with one name (two hosts' "debian:0"): GRUB opens the first; the second keeps
    // its UUID name (GRUB's mduuid/), so that neither hides the other.
    if (n.equals("md/") || !taken.add(n)) {
      n = idname(uuid);
      taken.add(n);
    }
    return n;
  }

  /**
   * GRUB's second name for every array, {@code mduuid/HEX}: the 16 UUID bytes in lowercase hex
   * (diskfilter.c's grub_diskfilter_make_raid), which is mdadm's UUID without its colons. For a
   * 0.90 superblock GRUB byte-swaps each of the four words from the host's order, which on a
   * little-endian superblock gives mdadm's order too.
   */
  static String idname(String uuidText) {
    return "mduuid/" + uuidText.replace(":", "");
  }

  static String level(int level) {
    return level == Geometry.LINEAR ? "linear" : "raid" + level;
  }
}
