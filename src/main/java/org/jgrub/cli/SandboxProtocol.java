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
  /** Bound on text records (listing, paths, arguments). */
  static final int MAX_TEXT = 4 << 20;

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

  static String readText(DataInputStream in, long len) throws IOException {
    if (len > MAX_TEXT) {
      throw new CorruptDataException("sandboxed child: text record of " + len + " bytes");
    }
    byte[] b = new byte[(int) len];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
