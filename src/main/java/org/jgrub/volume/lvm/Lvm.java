package org.jgrub.volume.lvm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.SliceDevice;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.volume.Volume;

/**
 * LVM2 volume groups among a disk's volumes: every volume that carries a PV label is read, PVs
 * are grouped by VG UUID, the metadata copy with the highest seqno among those whose checksums
 * hold is used, and each visible logical volume whose extents all lie on present PVs becomes a
 * volume named as GRUB names it ({@code lvm/VG-LV}, dashes doubled as device-mapper does). The
 * PVs themselves leave the list (their bytes are the LVs'), unless their VG cannot be read: then
 * they stay, and a note says why.
 */
public final class Lvm {
  /** Bounds on what one VG may declare (real VGs have a few PVs and tens of LVs). */
  static final int MAX_PVS = 256;
  static final int MAX_LVS = 4096;
  static final int MAX_SEGMENTS = 65_536;
  /** Mirror and RAID legs are LVs themselves; a leg of a leg is as deep as real VGs go. */
  static final int MAX_LEG_DEPTH = 2;
  /** GRUB_LVM_ID_STRLEN: an id's length with its six dashes. */
  private static final int ID_CHARS = 38;

  private Lvm() {}

  private record Found(Volume volume, PvLabel.Pv pv) {}

  private record Vg(String name, String id, long seqno, LvmText.Section section, Found from) {}

  /**
   * {@code volumes} with each PV replaced by the logical volumes of its VG (at the place of the
   * VG's first PV); what cannot be read is said in {@code notes}.
   */
  public static List<Volume> expand(List<Volume> volumes, List<String> notes, Bounds bounds)
      throws IOException {
    List<Volume> out = new ArrayList<>();
    Map<String, Found> pvs = new LinkedHashMap<>();
    Map<String, Vg> vgs = new LinkedHashMap<>();
    Map<Volume, String> placeOf = new HashMap<>();
    for (Volume v : volumes) {
      int sector = PvLabel.find(v.device());
      if (sector < 0) {
        out.add(v);
        continue;
      }
      try {
        PvLabel.Pv pv = PvLabel.read(v.device(), sector, bounds.limits());
        Found f = new Found(v, pv);
        pvs.putIfAbsent(pv.uuid(), f);
        Vg vg = vg(f);
        Vg had = vgs.get(vg.id());
        if (had == null) {
          vgs.put(vg.id(), vg);
          placeOf.put(v, vg.id());
          out.add(v); // a placeholder, replaced below
        } else if (vg.seqno() > had.seqno()) {
          vgs.put(vg.id(), new Vg(vg.name, vg.id, vg.seqno, vg.section, had.from));
        }
      } catch (JgrubException e) {
        bounds.budget().rethrow();
        notes.add(v.description() + ": " + e.getMessage());
        out.add(v); // kept, so that the final error names it among the volumes tried
      }
    }
    if (vgs.isEmpty()) {
      return out;
    }
    List<Volume> result = new ArrayList<>();
    for (Volume v : out) {
      String id = placeOf.get(v);
      if (id == null) {
        result.add(v);
        continue;
      }
      Vg vg = vgs.get(id);
      try {
        result.addAll(logicalVolumes(vg, pvs, notes, bounds));
      } catch (JgrubException e) {
        bounds.budget().rethrow();
        notes.add(v.description() + ": LVM2 PV of VG \"" + vg.name + "\": " + e.getMessage());
        result.add(v);
      } catch (ArithmeticException e) {
        notes.add(v.description() + ": LVM2 PV of VG \"" + vg.name + "\": extent numbers overflow");
        result.add(v);
      }
    }
    return result;
  }

  /** The VG a PV's metadata text describes. */
  private static Vg vg(Found f) throws CorruptDataException {
    LvmText.Section root = LvmText.parse(f.pv().metadata());
    for (LvmText.Section s : root.sections()) {
      if (s.items().containsKey("seqno") && s.sub("physical_volumes") != null) {
        return new Vg(s.name(), s.string("id"), s.number("seqno"), s, f);
      }
    }
    throw new CorruptDataException("LVM metadata names no volume group");
  }

  private static List<Volume> logicalVolumes(Vg vg, Map<String, Found> pvs, List<String> notes,
      Bounds bounds) throws IOException {
    LvmText.Section s = vg.section;
    long sectors = s.number("extent_size");
    // LVM allows extents of 1 KiB up to 16 GiB; a larger one makes every offset overflow.
    if (sectors > (16L << 30) / 512) {
      throw new CorruptDataException("extent size of " + sectors + " sectors");
    }
    long extent = sectors * 512;
    if (extent <= 0) {
      throw new CorruptDataException("extent size " + extent + " bytes");
    }
    LvmText.Section pvSections = s.sub("physical_volumes");
    if (pvSections.items().size() > MAX_PVS) {
      throw new CorruptDataException("more than " + MAX_PVS + " physical volumes");
    }
    LvmText.Section lvs = s.sub("logical_volumes");
    List<Volume> out = new ArrayList<>();
    if (lvs == null) {
      return out;
    }
    List<LvmText.Section> all = lvs.sections();
    if (all.size() > MAX_LVS) {
      throw new CorruptDataException("more than " + MAX_LVS + " logical volumes");
    }
    String where = vg.from.volume().description() + ": LVM2 PV of VG \"" + vg.name + "\"";
    Context c = new Context(vg, extent, pvSections, lvs, pvs);
    for (LvmText.Section lv : all) {
      if (!lv.array("status").contains("VISIBLE")) {
        continue; // a mirror leg, RAID image or pool's data: read through the LV that uses it
      }
      String desc = where + "; LV \"" + lv.name() + "\"";
      try {
        BlockDevice dev = c.device(lv, 0, desc);
        out.add(new Volume("lvm/" + dm(vg.name) + "-" + dm(lv.name()), desc, dev)
            .withAliases(lvmid(vg.id, lv)));
      } catch (JgrubException e) {
        bounds.budget().rethrow();
        notes.add(desc + ": " + e.getMessage());
      } catch (ArithmeticException e) {
        notes.add(desc + ": extent numbers overflow a 64-bit byte offset");
      }
    }
    return out;
  }

  /**
   * GRUB's second name for an LV, {@code lvmid/VGUUID/LVUUID}: both ids as the metadata text
   * writes them, dashes included (grub-core/disk/lvm.c copies the 38 characters after {@code id =
   * "}); none when the LV has no id, which GRUB would not open by id either.
   */
  static List<String> lvmid(String vgId, LvmText.Section lv) {
    return lv.items().get("id") instanceof String lvId && validId(vgId) && validId(lvId)
        ? List.of("lvmid/" + vgId + "/" + lvId)
        : List.of();
  }

  /** An LVM id as lvm2 writes it: 32 of [0-9A-Za-z] in groups 6-4-4-4-4-4-6, joined by dashes. */
  private static boolean validId(String id) {
    if (id.length() != ID_CHARS) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean dash = i == 6 || i == 11 || i == 16 || i == 21 || i == 26 || i == 31;
      boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (dash ? c != '-' : !alnum) {
        return false;
      }
    }
    return true;
  }

  /** Device-mapper's name escaping: a dash in a VG or LV name is doubled. */
  static String dm(String name) {
    return name.replace("-", "--");
  }

  /** What building one LV's device needs. */
  private static final class Context {
    final Vg vg;
    final long extent;
    final LvmText.Section pvSections;
    final LvmText.Section lvs;
    final Map<String, Found> pvs;
    int segments;

    Context(Vg vg, long extent, LvmText.Section pvSections, LvmText.Section lvs, Map<String, Found> pvs) {
      this.vg = vg;
      this.extent = extent;
      this.pvSections = pvSections;
      this.lvs = lvs;
      this.pvs = pvs;
    }

    BlockDevice device(LvmText.Section lv, int depth, String desc) throws IOException {
      List<LvDevice.Segment> segs = new ArrayList<>();
      long next = 0;
      for (LvmText.Section seg : lv.sections()) {
        if (++segments > MAX_SEGMENTS) {
          throw new CorruptDataException("more than " + MAX_SEGMENTS + " segments");
        }
        long start = seg.number("start_extent");
        long count = seg.number("extent_count");
        String what = "LV \"" + lv.name() + "\" " + seg.name();
        if (start != next || count <= 0) {
          throw new CorruptDataException(
              what + ": extents " + start + " (+" + count + ") do not follow extent " + next);
        }
        next = Math.addExact(start, count);
        segs.add(segment(seg, what, Math.multiplyExact(start, extent),
            Math.multiplyExact(count, extent), count, depth));
      }
      if (segs.isEmpty()) {
        throw new CorruptDataException("LV \"" + lv.name() + "\" has no segments");
      }
      if (segs.size() == 1 && segs.get(0).pvs().size() == 1) {
        LvDevice.Segment s = segs.get(0);
        return new SliceDevice(s.pvs().get(0), s.pvStart()[0], s.length(), desc);
      }
      return new LvDevice(segs, desc);
    }

    private LvDevice.Segment segment(
        LvmText.Section seg, String what, long lvStart, long length, long count, int depth)
        throws IOException {
      String type = seg.string("type");
      switch (type) {
        case "striped":
          return striped(seg, what, lvStart, length, count);
        case "mirror":
          return leg(seg.array("mirrors"), 2, 0, what, lvStart, length, depth);
        case "raid1":
          // raids = [ "lv_rmeta_0", "lv_rimage_0", ... ]: the image follows its metadata LV.
          return leg(seg.array("raids"), 2, 1, what, lvStart, length, depth);
        default:
          throw new UnsupportedFeatureException(
              what + ": " + type + " segment"
                  + (type.startsWith("thin") ? " (a thin volume)" : "")
                  + (type.startsWith("raid") ? " (an LVM RAID LV with parity or stripes)" : "")
                  + ": not read; jgrub reads linear, striped, mirror and raid1 LVs");
      }
    }

    private LvDevice.Segment striped(
        LvmText.Section seg, String what, long lvStart, long length, long count)
        throws IOException {
      List<?> stripes = seg.array("stripes");
      int n = stripes.size() / 2;
      if (n == 0 || stripes.size() % 2 != 0 || count % n != 0) {
        throw new CorruptDataException(what + ": " + stripes.size() / 2 + " stripes for " + count
            + " extents");
      }
      long stripeSize = extent;
      if (n > 1) {
        stripeSize = Math.multiplyExact(seg.number("stripe_size"), 512L);
        if (stripeSize <= 0 || extent % stripeSize != 0) {
          throw new CorruptDataException(what + ": stripe size " + stripeSize + " bytes");
        }
      }
      long perStripe = count / n;
      List<BlockDevice> devs = new ArrayList<>();
      long[] starts = new long[n];
      for (int i = 0; i < n; i++) {
        if (!(stripes.get(2 * i) instanceof String pvName)
            || !(stripes.get(2 * i + 1) instanceof Long first)) {
          throw new CorruptDataException(what + ": stripe " + i + " is not a PV name and extent");
        }
        LvmText.Section pv = pvSections.sub(pvName);
        if (pv == null) {
          throw new CorruptDataException(what + ": names an unknown PV \"" + pvName + "\"");
        }
        String uuid = pv.string("id").replace("-", "");
        Found f = pvs.get(uuid);
        if (f == null) {
          throw new UnsupportedFeatureException(
              what + ": PV " + pvName + " (" + pv.string("id") + ") is missing");
        }
        long peCount = pv.number("pe_count");
        if (first < 0 || perStripe > peCount || first > peCount - perStripe) {
          throw new CorruptDataException(what + ": extents " + first + " (+" + perStripe
              + ") lie past the end of PV " + pvName + " (" + peCount + " extents)");
        }
        long at =
            Math.addExact(
                Math.multiplyExact(pv.number("pe_start"), 512L),
                Math.multiplyExact(first, extent));
        long bytes = Math.multiplyExact(perStripe, extent);
        BlockDevice dev = f.volume().device();
        if (at < 0 || at > dev.size() || bytes > dev.size() - at) {
          throw new CorruptDataException(what + ": extents " + first + " (+" + perStripe
              + ") of PV " + pvName + " lie past the end of " + f.volume().description()
              + " (byte " + at + " +" + bytes + ", size " + dev.size() + ")");
        }
        devs.add(dev);
        starts[i] = at;
      }
      return new LvDevice.Segment(lvStart, length, stripeSize, devs, starts);
    }

    /**
     * A mirror or RAID1 segment read from one leg ({@code stride} values per leg, the leg's name
     * at {@code index}): the first whose PVs are all present and that LVM does not mark for
     * rebuild (status REBUILD: its data is not yet in sync).
     */
    private LvDevice.Segment leg(
        List<?> legs, int stride, int index, String what, long lvStart, long length, int depth)
        throws IOException {
      if (depth >= MAX_LEG_DEPTH) {
        throw new CorruptDataException(what + ": legs nested deeper than " + MAX_LEG_DEPTH);
      }
      if (legs.size() < stride || legs.size() % stride != 0) {
        throw new CorruptDataException(what + ": no leg named");
      }
      List<String> tried = new ArrayList<>();
      for (int at = 0; at < legs.size(); at += stride) {
        if (!(legs.get(at + index) instanceof String legName)) {
          throw new CorruptDataException(what + ": leg " + at / stride + " is not an LV name");
        }
        long legStart = 0;
        if (stride == 2 && index == 0) {
          if (!(legs.get(at + 1) instanceof Long e) || e < 0) {
            throw new CorruptDataException(what + ": leg " + legName + " has no start extent");
          }
          legStart = Math.multiplyExact(e, extent);
        }
        LvmText.Section leg = lvs.sub(legName);
        if (leg == null) {
          throw new CorruptDataException(what + ": names an unknown leg \"" + legName + "\"");
        }
        if (leg.array("status").contains("REBUILD")) {
          tried.add(legName + ": marked for rebuild");
          continue;
        }
        BlockDevice dev;
        try {
          dev = device(leg, depth + 1, what + " leg " + legName);
        } catch (UnsupportedFeatureException e) {
          tried.add(legName + ": " + e.getMessage()); // a missing PV: the next leg may be whole
          continue;
        }
        if (legStart > dev.size() || length > dev.size() - legStart) {
          throw new CorruptDataException(what + ": leg " + legName + " is shorter than the segment");
        }
        return new LvDevice.Segment(lvStart, length, length, List.of(dev), new long[] {legStart});
      }
      throw new UnsupportedFeatureException(what + ": no leg can be read (" + String.join("; ", tried)
          + ")");
    }
  }
}
