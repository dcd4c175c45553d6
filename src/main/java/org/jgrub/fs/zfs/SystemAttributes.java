package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A dataset's system-attribute tables (sa.c): the registry (attribute name to number and length)
 * and the layouts (layout number to the ordered attribute numbers). A bonus or spill buffer starts
 * with sa_hdr_phys_t (magic, layout number and header size, lengths of the variable-size
 * attributes), then the attribute values in layout order, each padded to 8 bytes.
 */
final class SystemAttributes {
  static final int SA_MAGIC = 0x2F505A;
  private static final int LAYOUT_INFO = 4;
  private static final int LENGTHS = 6;
  private static final int MAX_LAYOUT_ATTRS = 1024;

  /** Registered attribute number to name and fixed length (0: variable). */
  private final Map<Integer, String> names = new HashMap<>();
  private final Map<Integer, Integer> lengths = new HashMap<>();
  private final Map<Integer, int[]> layouts = new HashMap<>();

  /** Loads the tables named in the ZPL master node's SA_ATTRS object. */
  static SystemAttributes load(ObjectSet os, long saObj) throws IOException {
    SystemAttributes sa = new SystemAttributes();
    Map<String, Zap.Value> master = Zap.read(os, saObj, "SA master node");
    Zap.Value reg = master.get("REGISTRY");
    Zap.Value lay = master.get("LAYOUTS");
    if (reg == null || lay == null) {
      throw new CorruptDataException("ZFS: " + os.name + ": SA master node lacks REGISTRY or "
          + "LAYOUTS");
    }
    for (Map.Entry<String, Zap.Value> e : Zap.read(os, reg.first(), "SA registry").entrySet()) {
      long info = e.getValue().first();
      int num = (int) (info & 0xffff);
      sa.names.put(num, e.getKey());
      sa.lengths.put(num, (int) (info >>> 24 & 0xffff));
    }
    for (Map.Entry<String, Zap.Value> e : Zap.read(os, lay.first(), "SA layouts").entrySet()) {
      int num;
      try {
        num = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw new CorruptDataException("ZFS: " + os.name + ": SA layout name '" + e.getKey()
            + "' is not a number");
      }
      long[] ints = e.getValue().ints();
      if (ints.length > MAX_LAYOUT_ATTRS) {
        throw new CorruptDataException("ZFS: " + os.name + ": SA layout " + num + " has "
            + ints.length + " attributes");
      }
      int[] attrs = new int[ints.length];
      for (int i = 0; i < attrs.length; i++) {
        attrs[i] = (int) ints[i];
      }
      sa.layouts.put(num, attrs);
    }
    return sa;
  }

  /** A decoded attribute buffer: attribute name to its bytes, plus the buffer's byte order. */
  record Attrs(Map<String, byte[]> values, boolean bigEndian) {
    Long u64(String name) {
      byte[] b = values.get(name);
      return b == null || b.length < 8 ? null : Checksum.word64(b, 0, bigEndian);
    }
  }

  /** Decodes one bonus or spill buffer into {@code out}; returns its byte order. */
  boolean decode(byte[] buf, String what, Map<String, byte[]> out) throws CorruptDataException {
    ByteView v = ByteView.of(buf, "ZFS system attributes of " + what);
    boolean be;
    if (v.u32le(0) == SA_MAGIC) {
      be = false;
    } else if (v.u32be(0) == SA_MAGIC) {
      be = true;
    } else {
      throw v.corrupt("bad SA magic 0x" + Long.toHexString(v.u32le(0)));
    }
    int info = v.u16(LAYOUT_INFO, be);
    int hdrSize = (info >>> 10 & 0x3f) << 3;
    int[] layout = layouts.get(info & 0x3ff);
    if (layout == null) {
      throw v.corrupt("unknown SA layout " + (info & 0x3ff));
    }
    int at = hdrSize;
    int var = 0;
    for (int attr : layout) {
      Integer fixed = lengths.get(attr);
      if (fixed == null) {
        throw v.corrupt("SA layout names unregistered attribute " + attr);
      }
      int len = fixed;
      if (len == 0) {
        int lenAt = LENGTHS + 2 * var++;
        if (lenAt + 2 > hdrSize) {
          throw v.corrupt("SA header too small for its variable-length attributes");
        }
        len = v.u16(lenAt, be);
      }
      out.put(names.get(attr), v.bytes(at, len));
      at += (len + 7) & ~7;
    }
    return be;
  }
}
