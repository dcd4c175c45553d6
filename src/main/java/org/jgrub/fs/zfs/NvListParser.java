package org.jgrub.fs.zfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * Decodes the XDR form of a packed nvlist (libnvpair's nvs_xdr: a 4-byte encoding header, then
 * version, flags and pairs, each pair led by its encoded size). XDR is big-endian whatever the
 * host. Nesting and pair counts are bounded; unknown value types are skipped by their size.
 */
final class NvListParser {
  private static final int NV_ENCODE_XDR = 1;
  private static final int MAX_DEPTH = 16;
  private static final int MAX_PAIRS = 100_000;
  private static final int MAX_ARRAY = 4096;

  private static final int DATA_TYPE_BOOLEAN = 1;
  private static final int DATA_TYPE_BYTE = 2;
  private static final int DATA_TYPE_UINT64 = 8;
  private static final int DATA_TYPE_STRING = 9;
  private static final int DATA_TYPE_NVLIST = 19;
  private static final int DATA_TYPE_NVLIST_ARRAY = 20;
  private static final int DATA_TYPE_BOOLEAN_VALUE = 21;

  private final ByteView v;
  private int pos;
  private int pairs;

  private NvListParser(ByteView v) {
    this.v = v;
  }

  /** Parses a packed nvlist that starts with the 4-byte nvs header. */
  static NvList parse(ByteView v) throws CorruptDataException {
    int encoding = v.u8(0);
    if (encoding != NV_ENCODE_XDR) {
      throw v.corrupt("nvlist encoding " + encoding + " is not XDR");
    }
    NvListParser p = new NvListParser(v);
    p.pos = 4;
    return p.list(0);
  }

  private int i32() throws CorruptDataException {
    int x = v.s32be(pos);
    pos += 4;
    return x;
  }

  private NvList list(int depth) throws CorruptDataException {
    if (depth > MAX_DEPTH) {
      throw v.corrupt("nvlist nested deeper than " + MAX_DEPTH);
    }
    i32(); // nvl_version
    i32(); // nvl_nvflag
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      int start = pos;
      int encSize = i32();
      int decSize = i32();
      if (encSize == 0 && decSize == 0) {
        return new NvList(out);
      }
      if (encSize < 16 || encSize > v.length() - start || ++pairs > MAX_PAIRS) {
        throw v.corrupt("nvpair at offset " + start + " has bad size " + encSize);
      }
      int end = start + encSize;
      int nameLen = i32();
      if (nameLen < 0 || nameLen > end - pos) {
        throw v.corrupt("nvpair name length " + nameLen + " at offset " + start);
      }
      String name = v.string(pos, nameLen, StandardCharsets.UTF_8);
      pos += (nameLen + 3) & ~3;
      int type = i32();
      int nelem = i32();
      Object value = value(type, nelem, end, depth);
      out.put(name, value);
      // Embedded lists are not counted in encSize: continue after them, not at end.
      if (type != DATA_TYPE_NVLIST && type != DATA_TYPE_NVLIST_ARRAY) {
        pos = end;
      }
    }
  }

  private Object value(int type, int nelem, int end, int depth) throws CorruptDataException {
    switch (type) {
      case DATA_TYPE_BOOLEAN:
        return Boolean.TRUE;
      case DATA_TYPE_UINT64:
      case 7: // int64
      case 18: // hrtime
        return v.u64be(pos);
      case DATA_TYPE_BYTE:
      case 3: // int16
      case 4: // uint16
      case 5: // int32
      case 6: // uint32
      case DATA_TYPE_BOOLEAN_VALUE:
        return (long) v.s32be(pos);
      case DATA_TYPE_STRING: {
        int len = v.s32be(pos);
        if (len < 0 || len > end - pos - 4) {
          throw v.corrupt("nvpair string length " + len + " at offset " + pos);
        }
        return v.string(pos + 4, len, StandardCharsets.UTF_8);
      }
      case DATA_TYPE_NVLIST:
        return list(depth + 1);
      case DATA_TYPE_NVLIST_ARRAY: {
        if (nelem < 0 || nelem > MAX_ARRAY) {
          throw v.corrupt("nvlist array of " + nelem + " elements at offset " + pos);
        }
        List<NvList> items = new ArrayList<>(nelem);
        for (int i = 0; i < nelem; i++) {
          items.add(list(depth + 1));
        }
        return items;
      }
      default:
        return v.bytes(pos, end - pos);
    }
  }
}
