package org.jgrub.cli;

import org.jgrub.io.Bounds;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.jgrub.boot.BootFile;
import org.jgrub.boot.BootPlan;
import org.jgrub.boot.Extractor;
import org.jgrub.image.Images;

/**
 * The sandboxed side of --runas: reads the disk from descriptor 0 (opened by the privileged
 * parent, so this user needs no permission on it), runs the parsing {@link Job}, and sends the
 * outcome — text, or paths, arguments and file contents — to the parent over descriptor 1. It
 * writes no file.
 */
final class SandboxChild {
  private SandboxChild() {}

  static void run(Options o, Bounds bounds, Main.StderrLog log) throws IOException {
    if (o.debug) {
      describeSelf(log);
    }
    @SuppressWarnings("resource") // descriptor 0 and 1 belong to the process
    FileChannel disk = new FileInputStream(FileDescriptor.in).getChannel();
    @SuppressWarnings("resource")
    FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
    try (Job.Outcome res = Job.run(o, Images.of(disk, o.disk.toString(), bounds.limits()), bounds, log)) {
      write(out, SandboxProtocol.MAGIC);
      if (res.text() != null) {
        record(out, SandboxProtocol.TEXT, res.text());
      } else {
        BootPlan p = res.plan();
        var r = p.notReally();
        record(out, SandboxProtocol.KERNEL_PATH, r.kernel());
        if (r.ramdisk().isPresent()) {
          record(out, SandboxProtocol.RAMDISK_PATH, r.ramdisk().get());
        }
        record(out, SandboxProtocol.ARGS, r.args());
        if (!o.notReally) {
          header(out, SandboxProtocol.KERNEL_DATA, p.kernel().size());
          Extractor.copy(p.kernel(), "kernel", out);
          if (!p.initrds().isEmpty()) {
            Extractor.checkLimit(p.ramdiskSize(), "ramdisk", bounds.limits());
            header(out, SandboxProtocol.RAMDISK_DATA, p.ramdiskSize());
            for (BootFile f : p.initrds()) {
              Extractor.copy(f, "initrd", out);
            }
          }
        }
      }
      header(out, SandboxProtocol.END, 0);
    }
  }

  /** With --debug: the credentials and namespaces this process really has, from /proc. */
  private static void describeSelf(Main.StderrLog log) throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (line.startsWith("Uid:") || line.startsWith("Gid:") || line.startsWith("Groups:")
          || line.startsWith("NoNewPrivs:") || line.startsWith("CapEff:") || line.startsWith("CapBnd:")) {
        log.debug("sandbox child " + line.replace('\t', ' '));
      }
    }
    for (String ns : new String[] {"net", "ipc", "mnt", "uts"}) {
      log.debug("sandbox child ns " + ns + " " + Files.readSymbolicLink(Paths.get("/proc/self/ns/" + ns)));
    }
  }

  private static void record(FileChannel out, int tag, String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    SandboxProtocol.text(b, tag, s);
    write(out, b.toByteArray());
  }

  private static void header(FileChannel out, int tag, long len) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    SandboxProtocol.header(b, tag, len);
    write(out, b.toByteArray());
  }

  private static void write(FileChannel out, byte[] b) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(b);
    while (buf.hasRemaining()) {
      out.write(buf);
    }
  }
}
