package org.jgrub.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.RawLocation;

/**
 * Copies kernels and ramdisks out of the guest into new dom0 files. Files are created exclusively
 * (never through an existing name or link), mode 0600, with names jgrub chooses (pygrub's
 * {@code boot_kernel.XXXXXXXX}); nothing from the guest becomes a dom0 path. Until {@link #keep()}
 * is called, closing deletes every file made, so a failure leaves nothing behind.
 */
public final class Extractor implements Closeable {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_";
  private static final Set<PosixFilePermission> MODE_0600 =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final int BUFFER = 1 << 20;

  private final Path dir;
  private final List<Path> made = new ArrayList<>();
  private final Random random = new Random(System.nanoTime() ^ ProcessHandle.current().pid());
  private boolean keep;
  private ByteBuffer buffer;

  public Extractor(Path dir) {
    this.dir = dir;
  }

  /** Creates a new empty file {@code PREFIX.XXXXXXXX} in the output directory. */
  public Path create(String prefix) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      StringBuilder name = new StringBuilder(prefix).append('.');
      for (int i = 0; i < 8; i++) {
        name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      Path p = dir.resolve(name.toString());
      try {
        Files.newByteChannel(
                p,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(MODE_0600))
            .close();
        made.add(p);
        return p.toAbsolutePath();
      } catch (FileAlreadyExistsException e) {
        // Try another name.
      }
    }
    throw new IOException("could not create a new file " + prefix + ".* in " + dir);
  }

  /** Appends the guest file's bytes to {@code out}; {@code total} counts bytes for the limit. */
  public long append(
      GuestFs fs, BlockDevice volume, Node file, String what, Path out, long total)
      throws IOException {
    long size = file.size();
    long limit = Limits.current().bootFileBytes;
    if (size > limit - total) {
      throw new LimitExceededException(
          what + " is " + size + " bytes; with what was already copied that passes the limit of "
              + limit + " bytes (set PYGRUB_MAX_FILE_SIZE_MB to raise it)");
    }
    try (FileChannel dst = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      List<Run> runs = fs.layout(file);
      RawLocation raw = volume.rawLocation();
      if (runs != null && raw != null) {
        copyRuns(runs, raw, dst, size, what);
      } else {
        copyRead(fs, file, dst, size, what);
      }
    }
    return total + size;
  }

  /** The kernel copies: {@code transferTo} from the image file for each run, zeros for holes. */
  private void copyRuns(List<Run> runs, RawLocation raw, FileChannel dst, long size, String what)
      throws IOException {
    long done = 0;
    for (Run r : runs) {
      if (r.fileOffset() != done || r.length() <= 0 || r.length() > size - done) {
        throw new CorruptDataException(what + ": file layout has a gap or overlap at offset " + done);
      }
      if (r.isHole()) {
        writeZeros(dst, r.length());
      } else {
        long pos = raw.offset() + r.deviceOffset();
        long left = r.length();
        while (left > 0) {
          long n = raw.channel().transferTo(pos, left, dst);
          if (n <= 0) {
            throw new CorruptDataException(what + ": data at image byte " + pos + " is past its end");
          }
          pos += n;
          left -= n;
        }
      }
      done += r.length();
    }
    if (done != size) {
      throw new CorruptDataException(what + ": file layout covers " + done + " of " + size + " bytes");
    }
  }

  private void copyRead(GuestFs fs, Node file, FileChannel dst, long size, String what)
      throws IOException {
    ByteBuffer b = buffer();
    long pos = 0;
    while (pos < size) {
      b.clear();
      int n = fs.read(file, pos, b);
      if (n <= 0) {
        throw new CorruptDataException(what + ": read stopped at byte " + pos + " of " + size);
      }
      b.flip();
      while (b.hasRemaining()) {
        dst.write(b);
      }
      pos += n;
    }
  }

  private void writeZeros(FileChannel dst, long len) throws IOException {
    ByteBuffer z = ByteBuffer.allocate((int) Math.min(len, BUFFER));
    long left = len;
    while (left > 0) {
      z.clear();
      z.limit((int) Math.min(left, z.capacity()));
      left -= dst.write(z);
    }
  }

  private ByteBuffer buffer() {
    if (buffer == null) {
      buffer = ByteBuffer.allocateDirect(BUFFER);
    }
    return buffer;
  }

  /** Keeps the files made (the boot succeeded). */
  public void keep() {
    keep = true;
  }

  @Override
  public void close() throws IOException {
    if (keep) {
      return;
    }
    IOException first = null;
    for (Path p : made) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
