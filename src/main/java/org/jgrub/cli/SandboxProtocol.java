package org.jgrub.cli;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jgrub.io.CorruptDataException;

/**
 * What the sandboxed child tells its parent, over the child's stdout: a magic line, then records
 * of a one-byte tag, an 8-byte big-endian length and the payload, ended by {@link #END}. The
 * parent trusts none of it: every length is checked against its bound before anything is read.
 */
final class SandboxProtocol {
  static final byte[] MAGIC = "JGRUB-SANDBOX-1\n".getBytes(StandardCharsets.US_ASCII);
  static final int TEXT = 'T';
  static final int KERNEL_PATH = 'k';
  static final int RAMDISK_PATH = 'r';
  static final int ARGS = 'A';
  static final int KERNEL_DATA = 'K';
  static final int RAMDISK_DATA = 'R';
  static final int END = 'Z';
  /** Operator commands: standard output of inspect and ls, whole lines of UTF-8 text. */
  static final int TOOL_TEXT = 't';
  /** Operator commands: standard output of cat, bytes as they are. */
  static final int TOOL_DATA = 'd';
  /** Operator commands: one file for cp to create ({@link CpEntry}); a file's bytes follow. */
  static final int CP_ENTRY = 'E';
  /** Bound on text records (listing, paths, arguments). */
  static final int MAX_TEXT = 4 << 20;
  /** Bound on one {@link #TOOL_DATA} record; the child sends at most 64 KiB at a time. */
  static final int MAX_CHUNK = 1 << 20;

  private SandboxProtocol() {}

  static void header(OutputStream out, int tag, long length) throws IOException {
    out.write(tag);
    for (int i = 7; i >= 0; i--) {
      out.write((int) (length >>> (8 * i)));
    }
  }

  static void text(OutputStream out, int tag, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    header(out, tag, b.length);
    out.write(b);
  }

  static void checkMagic(InputStream in) throws IOException {
    byte[] m = new byte[MAGIC.length];
    int n = in.readNBytes(m, 0, m.length);
    if (n != m.length || !java.util.Arrays.equals(m, MAGIC)) {
      throw new CorruptDataException("sandboxed child: no protocol header on its output");
    }
  }

  /** Reads a record header; returns the tag, and the length into {@code len[0]}. */
  static int next(DataInputStream in, long[] len) throws IOException {
    try {
      int tag = in.readUnsignedByte();
      long l = in.readLong();
      if (l < 0) {
        throw new CorruptDataException("sandboxed child: negative record length");
      }
      len[0] = l;
      return tag;
    } catch (EOFException e) {
      throw new CorruptDataException("sandboxed child: its output ended before the end record");
    }
  }

  /** A {@link #TOOL_DATA} payload, at most {@link #MAX_CHUNK} bytes. */
  static byte[] readBytes(DataInputStream in, long len) throws IOException {
    if (len > MAX_CHUNK) {
      throw new CorruptDataException(
          "sandboxed child: data record of " + len + " bytes (at most " + MAX_CHUNK + ")");
    }
    byte[] b = new byte[(int) len];
    readFully(in, b);
    return b;
  }

  /** The end record is empty and nothing follows it. */
  static void checkEnd(DataInputStream in, long len) throws IOException {
    if (len != 0 || in.read() >= 0) {
      throw new CorruptDataException("sandboxed child: output after its end record");
    }
  }

  static CorruptDataException unexpected(int tag) {
    return new CorruptDataException(
        "sandboxed child: unexpected record type 0x" + Integer.toHexString(tag));
  }

  private static void readFully(DataInputStream in, byte[] b) throws IOException {
    try {
      in.readFully(b);
    } catch (EOFException e) {
      throw new CorruptDataException(
          "sandboxed child: its output ended inside a record of " + b.length + " bytes");
    }
  }

  static String readText(DataInputStream in, long len) throws IOException {
    if (len > MAX_TEXT) {
      throw new CorruptDataException("sandboxed child: text record of " + len + " bytes");
    }
    byte[] b = new byte[(int) len];
    readFully(in, b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
