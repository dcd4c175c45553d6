package org.jgrub.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.Run;
import org.jgrub.io.Bounds;
import org.jgrub.fs.RunReader;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.Limits;
import org.jgrub.io.UsageException;

/**
 * Copies kernels and ramdisks out of the guest into new dom0 files. Each file is created
 * exclusively ({@code O_CREAT|O_EXCL|O_NOFOLLOW}: never through an existing name or link), mode
 * 0600, with a name jgrub chooses (pygrub's {@code boot_kernel.XXXXXXXX}), and written only through
 * the descriptor that created it: nothing is reopened by name, so renaming a link over the new
 * name cannot redirect the write. The directory itself must not let another user rename entries
 * in it (see {@link #checkDirectory}). Until {@link #keep()} is called, closing deletes every file
 * made, so a failure at any point before the result is delivered leaves nothing behind.
 */
public final class Extractor implements Closeable {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_";
  private static final Set<PosixFilePermission> MODE_0600 =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final int BUFFER = 1 << 20;
  private static final int S_ISVTX = 01000;

  /** A file made by {@link #create}: its name, and the only descriptor ever used to write it. */
  public record OutputFile(Path path, FileChannel channel) {}

  private final Path dir;
  private final List<OutputFile> made = new ArrayList<>();
  // Random's own seeding (a per-instance uniquifier and the clock) is enough: a clash only costs a
  // retry, as files are created with CREATE_NEW. ProcessHandle.current(), used before, starts the
  // JVM's lambda machinery on every boot (~40 classes, one generated at run time).
  private final Random random = new Random();
  private boolean keep;

  /** The run's bounds: the size of a boot file, and the files to remove at the deadline. */
  private final Bounds bounds;

  private Extractor(Path dir, Bounds bounds) {
    this.dir = dir;
    this.bounds = bounds;
  }

  /**
   * An extractor writing into {@code dir}, after {@link #checkDirectory} accepted it, copying no
   * file larger than {@code bounds} allow.
   */
  public static Extractor open(Path dir, Bounds bounds) throws IOException {
    checkDirectory(dir);
    return new Extractor(dir, bounds);
  }

  /** The bounds this extractor copies within. */
  public Bounds bounds() {
    return bounds;
  }

  /** Without the directory check: for tests that show what the descriptor alone guarantees. */
  static Extractor openUnchecked(Path dir, Bounds bounds) {
    return new Extractor(dir, bounds);
  }

  /**
   * Refuses an output directory in which another user could rename or replace entries: one that
   * group or others may write and that is not sticky, or that belongs to a user other than root
   * and the one running jgrub. The files themselves are safe from such a user (see the class
   * comment), but the name jgrub reports to the toolstack is not: after jgrub exits, a link
   * renamed over it would make the toolstack boot, or delete, a file of that user's choosing.
   * pygrub's default directory (0700) and a sticky {@code /tmp} (1777) pass.
   */
  public static void checkDirectory(Path dir) throws IOException {
    Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid");
    int mode = (Integer) a.get("mode");
    int owner = (Integer) a.get("uid");
    int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    String octal = Integer.toOctalString(mode & 07777);
    if (owner != 0 && owner != me) {
      throw new UsageException(
          "output directory " + dir + " belongs to uid " + owner + ", who could replace the"
              + " kernel and ramdisk files after jgrub writes them; use a directory owned by root"
              + " (the default /var/run/xen/pygrub is made 0700)");
    }
    if ((mode & 022) != 0 && (mode & S_ISVTX) == 0) {
      throw new UsageException(
          "output directory " + dir + " is writable by other users (mode 0" + octal + ") and not"
              + " sticky: another user could rename a link over the kernel or ramdisk file's name"
              + " before the toolstack reads it; make it private (chmod 0700 " + dir + ") or"
              + " sticky (chmod +t " + dir + ")");
    }
  }

  /**
   * Creates a new empty file {@code PREFIX.XXXXXXXX} in the output directory and returns it with
   * the descriptor that created it, which this extractor closes.
   */
  public OutputFile create(String prefix) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      StringBuilder name = new StringBuilder(prefix).append('.');
      for (int i = 0; i < 8; i++) {
        name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      Path p = dir.resolve(name.toString()).toAbsolutePath();
      FileChannel ch;
      try {
        ch = FileChannel.open(p, CREATE, PosixFilePermissions.asFileAttribute(MODE_0600));
      } catch (FileAlreadyExistsException e) {
        continue; // Try another name.
      }
      OutputFile f = new OutputFile(p, ch);
      made.add(f);
      bounds.budget().removeOnTimeout(p);
      return f;
    }
    throw new IOException("could not create a new file " + prefix + ".* in " + dir);
  }

  /**
   * Copies the plan's kernel and ramdisk into new files. They stay this extractor's until {@link
   * #keep()}: a caller formats and delivers the result first, so a failure there removes them too.
   */
  public BootResult extract(BootPlan plan) throws IOException {
    OutputFile k = create("boot_kernel");
    copy(plan.kernel(), "kernel", k.channel());
    Optional<String> rd = Optional.empty();
    if (!plan.initrds().isEmpty()) {
      OutputFile r = create("boot_ramdisk");
      checkLimit(plan.ramdiskSize(), "ramdisk (" + plan.initrds().size() + " initrd files)",
          bounds.limits());
      for (BootFile f : plan.initrds()) {
        copy(f, "initrd", r.channel());
      }
      rd = Optional.of(r.path().toString());
    }
    return new BootResult(k.path().toString(), rd, plan.args(), plan.entry());
  }

  /** Throws when {@code size} bytes would pass the kernel/ramdisk size limit. */
  public static void checkLimit(long size, String what, Limits limits)
      throws LimitExceededException {
    long limit = limits.bootFileBytes;
    if (size > limit) {
      throw new LimitExceededException(
          what + " is " + size + " bytes, more than the limit of " + limit
              + " bytes (set PYGRUB_MAX_FILE_SIZE_MB to raise it)");
    }
  }

  /**
   * Writes one guest file to {@code dst}: run by run through the volume's device ({@code
   * transferTo}, the kernel's copy where the volume lies in a plain file) when the driver can lay
   * the file out, read through the filesystem otherwise (compressed or inline data). Both ways pass
   * the same bounds ({@link RunReader}).
   */
  public static void copy(BootFile f, String role, WritableByteChannel dst) throws IOException {
    String what = role + " " + f.describe();
    checkLimit(f.size(), what, f.fs().bounds().limits());
    List<Run> runs = f.fs().layout(f.node());
    if (runs != null) {
      if (f.offset() != 0 || f.length() != f.node().size()) {
        runs = slice(runs, f.offset(), f.length());
      }
      RunReader.copy(f.volume().volume().device(), what, f.size(), runs, dst);
    } else {
      copyRead(f.fs(), f.node(), dst, f.offset(), f.size(), what);
    }
  }

  /**
   * The runs that cover bytes {@code [from, from + len)} of a file, cut at both ends and rebased
   * to file offset 0: a section of a unified kernel image is copied as a file of its own, through
   * the same checks. Gaps or overlaps in the driver's layout stay visible to {@link RunReader}.
   */
  static List<Run> slice(List<Run> runs, long from, long len) {
    long end = from + len;
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      long rEnd = r.fileOffset() + r.length();
      if (r.length() <= 0 || rEnd <= from || r.fileOffset() >= end) {
        continue;
      }
      long cut = Math.max(0, from - r.fileOffset());
      long n = Math.min(rEnd, end) - r.fileOffset() - cut;
      long dev = r.isHole() ? -1 : r.deviceOffset() + cut;
      out.add(new Run(r.fileOffset() + cut - from, dev, n));
    }
    return out;
  }

  private static void copyRead(
      GuestFs fs, Node file, WritableByteChannel dst, long from, long size, String what)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect((int) Math.min(BUFFER, Math.max(size, 1)));
    long pos = 0;
    while (pos < size) {
      b.clear();
      b.limit((int) Math.min(b.capacity(), size - pos));
      int n = fs.read(file, from + pos, b);
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

  /** Keeps the files made (the boot succeeded). */
  public void keep() {
    keep = true;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputFile f : made) {
      try {
        f.channel().close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
      if (keep) {
        continue;
      }
      // By name, in a directory no other user can rename entries in (checkDirectory); unlink
      // never follows a link.
      try {
        Files.deleteIfExists(f.path());
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    made.clear();
    if (first != null) {
      throw first;
    }
  }
}
