package org.jgrub.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.io.Budget;
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
  // Random's own seeding (a per-instance uniquifier and the clock) is enough: a clash only costs a
  // retry, as files are created with CREATE_NEW. ProcessHandle.current(), used before, starts the
  // JVM's lambda machinery on every boot (~40 classes, one generated at run time).
  private final Random random = new Random();
  private boolean keep;

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
        Budget.current().removeOnTimeout(p);
        return p.toAbsolutePath();
      } catch (FileAlreadyExistsException e) {
        // Try another name.
      }
    }
    throw new IOException("could not create a new file " + prefix + ".* in " + dir);
  }

  /**
   * Copies the plan's kernel and ramdisk into new files in {@code dir}; on any failure every file
   * made is removed.
   */
  public static BootResult extract(BootPlan plan, Path dir) throws IOException {
    try (Extractor x = new Extractor(dir)) {
      Path k = x.create("boot_kernel");
      try (FileChannel out = FileChannel.open(k, StandardOpenOption.WRITE)) {
        copy(plan.kernel(), "kernel", out);
      }
      Optional<String> rd = Optional.empty();
      if (!plan.initrds().isEmpty()) {
        Path p = x.create("boot_ramdisk");
        checkLimit(plan.ramdiskSize(), "ramdisk (" + plan.initrds().size() + " initrd files)");
        try (FileChannel out = FileChannel.open(p, StandardOpenOption.WRITE)) {
          for (BootFile f : plan.initrds()) {
            copy(f, "initrd", out);
          }
        }
        rd = Optional.of(p.toString());
      }
      x.keep();
      return new BootResult(k.toString(), rd, plan.args(), plan.entry());
    }
  }

  /** Throws when {@code size} bytes would pass the kernel/ramdisk size limit. */
  public static void checkLimit(long size, String what) throws LimitExceededException {
    long limit = Limits.current().bootFileBytes;
    if (size > limit) {
      throw new LimitExceededException(
          what + " is " + size + " bytes, more than the limit of " + limit
              + " bytes (set PYGRUB_MAX_FILE_SIZE_MB to raise it)");
    }
  }

  /**
   * Writes one guest file to {@code dst}: handed to the kernel run by run ({@code transferTo})
   * when the file lies in plain extents of a raw image, read through the filesystem otherwise.
   */
  public static void copy(BootFile f, String role, WritableByteChannel dst) throws IOException {
    String what = role + " " + f.describe();
    checkLimit(f.size(), what);
    List<Run> runs = f.fs().layout(f.node());
    RawLocation raw = f.volume().volume().device().rawLocation();
    if (runs != null && raw != null) {
      copyRuns(runs, raw, dst, f.size(), what);
    } else {
      copyRead(f.fs(), f.node(), dst, f.size(), what);
    }
  }

  /** The kernel copies: {@code transferTo} from the image file for each run, zeros for holes. */
  private static void copyRuns(
      List<Run> runs, RawLocation raw, WritableByteChannel dst, long size, String what)
      throws IOException {
    long done = 0;
    for (Run r : runs) {
      if (done == size) {
        break;
      }
      if (r.fileOffset() != done || r.length() <= 0) {
        throw new CorruptDataException(what + ": file layout has a gap or overlap at offset " + done);
      }
      // Runs are whole blocks or clusters; like RunReader, clamp the last one to the file size.
      long len = Math.min(r.length(), size - done);
      if (r.isHole()) {
        writeZeros(dst, len);
      } else {
        long pos = raw.offset() + r.deviceOffset();
        long left = len;
        while (left > 0) {
          long n = raw.channel().transferTo(pos, left, dst);
          if (n <= 0) {
            throw new CorruptDataException(what + ": data at image byte " + pos + " is past its end");
          }
          pos += n;
          left -= n;
        }
      }
      done += len;
    }
    if (done != size) {
      throw new CorruptDataException(what + ": file layout covers " + done + " of " + size + " bytes");
    }
  }

  private static void copyRead(
      GuestFs fs, Node file, WritableByteChannel dst, long size, String what)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect((int) Math.min(BUFFER, Math.max(size, 1)));
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

  private static void writeZeros(WritableByteChannel dst, long len) throws IOException {
    ByteBuffer z = ByteBuffer.allocate((int) Math.min(len, BUFFER));
    long left = len;
    while (left > 0) {
      z.clear();
      z.limit((int) Math.min(left, z.capacity()));
      left -= dst.write(z);
    }
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
