package org.jgrub.image.vmdk;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.CorruptDataException;

/**
 * A VMDK text descriptor ("Virtual Disk Format 1.1", "The Descriptor File"): key = "value" lines
 * and extent lines {@code ACCESS SECTORS TYPE "FILE" [OFFSET]}. Only what jgrub needs is kept: the
 * create type, the parent, the extents.
 */
record VmdkDescriptor(String createType, String parentCid, String parentHint, List<Extent> extents) {
  static final String HEADER = "# Disk DescriptorFile";
  static final String NO_PARENT = "ffffffff";

  /** One extent line: its size and offset in sectors, its type and the file it names. */
  record Extent(String access, long sectors, String type, String file, long offset) {}

  boolean hasParent() {
    return parentCid != null && !parentCid.equalsIgnoreCase(NO_PARENT);
  }

  static VmdkDescriptor parse(String text, String name) throws CorruptDataException {
    String createType = null;
    String parentCid = null;
    String parentHint = null;
    List<Extent> extents = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (line.startsWith("RW ") || line.startsWith("RDONLY ") || line.startsWith("NOACCESS ")) {
        extents.add(extent(line, name, lineNo));
      } else if (eq > 0) {
        String key = line.substring(0, eq).strip();
        String value = unquote(line.substring(eq + 1).strip());
        switch (key) {
          case "createType" -> createType = value;
          case "parentCID" -> parentCid = value;
          case "parentFileNameHint" -> parentHint = value;
          default -> {}
        }
      }
    }
    return new VmdkDescriptor(createType, parentCid, parentHint, extents);
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  private static Extent extent(String line, String name, int lineNo) throws CorruptDataException {
    int q1 = line.indexOf('"');
    int q2 = q1 < 0 ? -1 : line.indexOf('"', q1 + 1);
    if (q2 < 0) {
      throw new CorruptDataException(name + ": descriptor line " + lineNo + ": extent without a"
          + " quoted file name");
    }
    String[] head = line.substring(0, q1).trim().split("\\s+");
    String tail = line.substring(q2 + 1).trim();
    if (head.length != 3) {
      throw new CorruptDataException(name + ": descriptor line " + lineNo + ": extent line is not"
          + " ACCESS SECTORS TYPE \"FILE\" [OFFSET]");
    }
    try {
      long sectors = Long.parseLong(head[1]);
      long offset = tail.isEmpty() ? 0 : Long.parseLong(tail.split("\\s+")[0]);
      if (sectors < 0 || offset < 0 || sectors >= SparseHeader.MAX_CAPACITY
          || offset >= SparseHeader.MAX_CAPACITY) {
        throw new NumberFormatException();
      }
      return new Extent(head[0], sectors, head[2], line.substring(q1 + 1, q2), offset);
    } catch (NumberFormatException e) {
      throw new CorruptDataException(name + ": descriptor line " + lineNo + ": bad extent size or"
          + " offset");
    }
  }
}
