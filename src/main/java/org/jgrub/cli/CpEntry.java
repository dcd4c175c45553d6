package org.jgrub.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.CorruptDataException;

/**
 * One file of {@code jgrub cp} as the --runas child sends it ({@link SandboxProtocol#CP_ENTRY}):
 * its kind, the guest path (for messages), its names below DEST, what -p keeps, and the size
 * (a file, whose bytes follow as data records) or the target (a link). Decoding trusts nothing:
 * every count and length is checked against its bound and against what is left of the record.
 */
record CpEntry(char kind, String guest, List<String> rel, Preserve.Meta meta, long size,
    String target) {
  static final char DIRECTORY = 'd';
  static final char FILE = 'f';
  static final char LINK = 'l';
  /** Longest guest path, name or link target accepted, in bytes (PATH_MAX is 4096). */
  static final int MAX_STRING = 4096;

  byte[] encode() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream o = new DataOutputStream(b);
    o.writeByte(kind);
    string(o, guest);
    o.writeInt(rel.size());
    for (String n : rel) {
      string(o, n);
    }
    o.writeBoolean(meta != null);
    if (meta != null) {
      o.writeInt(meta.mode());
      o.writeBoolean(meta.uid() != null && meta.gid() != null);
      o.writeInt(meta.uid() == null ? 0 : meta.uid());
      o.writeInt(meta.gid() == null ? 0 : meta.gid());
      time(o, meta.mtime());
      time(o, meta.atime());
      o.writeBoolean(meta.link());
    }
    if (kind == FILE) {
      o.writeLong(size);
    } else if (kind == LINK) {
      string(o, target);
    }
    o.flush();
    return b.toByteArray();
  }

  private static void string(DataOutputStream o, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_STRING) {
      throw new CorruptDataException("'" + s.substring(0, 64) + "…': longer than " + MAX_STRING
          + " bytes; not copied");
    }
    o.writeInt(b.length);
    o.write(b);
  }

  private static void time(DataOutputStream o, FileTime t) throws IOException {
    Instant i = t.toInstant();
    o.writeLong(i.getEpochSecond());
    o.writeInt(i.getNano());
  }

  static CpEntry decode(byte[] record) throws CorruptDataException {
    ByteBuffer b = ByteBuffer.wrap(record);
    try {
      char kind = (char) b.get();
      if (kind != DIRECTORY && kind != FILE && kind != LINK) {
        throw bad("unknown kind 0x" + Integer.toHexString(kind));
      }
      String guest = string(b);
      int count = b.getInt();
      if (count < 0 || count > CpTarget.MAX_COMPONENTS) {
        throw bad(count + " names");
      }
      List<String> rel = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        rel.add(string(b));
      }
      Preserve.Meta meta = null;
      if (bool(b)) {
        int mode = b.getInt();
        boolean ids = bool(b);
        int uid = b.getInt();
        int gid = b.getInt();
        FileTime m = time(b);
        FileTime a = time(b);
        meta = new Preserve.Meta(mode < 0 ? -1 : mode & 07777, ids ? uid : null, ids ? gid : null,
            m, a, bool(b));
      }
      long size = 0;
      String target = null;
      if (kind == FILE) {
        size = b.getLong();
        if (size < 0) {
          throw bad("negative size");
        }
      } else if (kind == LINK) {
        target = string(b);
      }
      if (b.hasRemaining()) {
        throw bad(b.remaining() + " bytes left over");
      }
      return new CpEntry(kind, guest, List.copyOf(rel), meta, size, target);
    } catch (BufferUnderflowException e) {
      throw bad("ends early");
    }
  }

  private static boolean bool(ByteBuffer b) throws CorruptDataException {
    byte v = b.get();
    if (v != 0 && v != 1) {
      throw bad("flag " + v);
    }
    return v == 1;
  }

  private static String string(ByteBuffer b) throws CorruptDataException {
    int len = b.getInt();
    if (len < 0 || len > MAX_STRING || len > b.remaining()) {
      throw bad("string of " + len + " bytes");
    }
    byte[] s = new byte[len];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static FileTime time(ByteBuffer b) throws CorruptDataException {
    long s = b.getLong();
    int n = b.getInt();
    if (n < 0 || n > 999_999_999) {
      throw bad("time with " + n + " nanoseconds");
    }
    try {
      return FileTime.from(Instant.ofEpochSecond(s, n));
    } catch (java.time.DateTimeException e) {
      throw bad("time " + s + " s");
    }
  }

  private static CorruptDataException bad(String what) {
    return new CorruptDataException("sandboxed child: malformed cp entry (" + what + ")");
  }
}
