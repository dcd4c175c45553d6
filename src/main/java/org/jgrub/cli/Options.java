package org.jgrub.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.jgrub.io.UsageException;

/** pygrub's command line, parsed with pygrub's getopt rules and checks. */
final class Options {
  static final String USAGE =
      "Usage: jgrub [-q|--quiet] [-i|--interactive] [-l|--list-entries] [-n|--not-really]"
          + " [--output=] [--kernel=] [--ramdisk=] [--args=] [--entry=] [--output-directory=]"
          + " [--output-format=sxp|simple|simple0] [--runas=] [--offset=] [--isconfig] [--debug]"
          + " [--zfs-vdev=FILE ...] [--md-member=FILE ...] [--backing-dir=DIR] [-l --json] <image>";

  private static final String[] LONG = {
    "quiet", "interactive", "list-entries", "not-really", "help", "output=", "output-format=",
    "output-directory=", "offset=", "runas=", "entry=", "kernel=", "ramdisk=", "args=",
    "isconfig", "debug", "sandboxed-child", "zfs-vdev=", "md-member=", "backing-dir=",
    "version", "json"
  };

  boolean help;
  boolean version;
  boolean interactive = true;
  boolean interactiveAsked;
  boolean list;
  /** -l --json: the entries as JSON (docs/schema/list-v1.json) instead of pygrub's listing. */
  boolean json;
  boolean notReally;
  boolean isconfig;
  boolean debug;
  /** Internal: this process is the sandboxed child of a --runas parent (see Sandbox). */
  boolean sandboxedChild;
  Optional<Path> output = Optional.empty();
  String format = "sxp";
  Path outputDirectory = Paths.get("/var/run/xen/pygrub/");
  boolean outputDirectoryGiven;
  Optional<String> kernel = Optional.empty();
  Optional<String> ramdisk = Optional.empty();
  String args = "";
  Optional<String> entry = Optional.empty();
  Optional<Long> offset = Optional.empty();
  Optional<Integer> runas = Optional.empty();
  /** --zfs-vdev=FILE, repeated: the other devices of a ZFS pool whose first device is DISK. */
  java.util.List<Path> zfsVdevs = new java.util.ArrayList<>();
  /**
   * --md-member=FILE, repeated: the guest's other disks, whose MD RAID members join the arrays
   * of DISK (nothing else on them is read).
   */
  java.util.List<Path> mdMembers = new java.util.ArrayList<>();
  /** --backing-dir=DIR: the only directory where an image's backing files may be opened. */
  Optional<Path> backingDir = Optional.empty();
  Path disk;

  static Options parse(String[] argv) throws UsageException {
    GetOpt.Result r = GetOpt.parse(argv, "qilnh::", LONG);
    Options o = new Options();
    for (GetOpt.Opt opt : r.options()) {
      String v = opt.value();
      switch (opt.name()) {
        case "-q", "--quiet" -> o.interactive = false;
        case "-i", "--interactive" -> {
          o.interactive = true;
          o.interactiveAsked = true;
        }
        case "-l", "--list-entries" -> o.list = true;
        case "-n", "--not-really" -> o.notReally = true;
        case "-h", "--help" -> o.help = true;
        case "--version" -> o.version = true;
        case "--output" -> o.output = v.equals("-") ? Optional.empty() : Optional.of(Paths.get(v));
        case "--runas" -> o.runas = Optional.of(parseUid(v));
        case "--kernel" -> o.kernel = Optional.of(v);
        case "--ramdisk" -> o.ramdisk = Optional.of(v);
        case "--args" -> o.args = v;
        case "--offset" -> o.offset = Optional.of(parseOffset(v));
        case "--entry" -> {
          o.entry = Optional.of(v);
          o.interactive = false;
        }
        case "--isconfig" -> o.isconfig = true;
        case "--json" -> o.json = true;
        case "--debug" -> o.debug = true;
        case "--sandboxed-child" -> o.sandboxedChild = true;
        case "--zfs-vdev" -> o.zfsVdevs.add(Paths.get(v));
        case "--md-member" -> o.mdMembers.add(Paths.get(v));
        case "--backing-dir" -> o.backingDir = Optional.of(Paths.get(v));
        case "--output-format" -> {
          if (!v.equals("sxp") && !v.equals("simple") && !v.equals("simple0")) {
            throw new UsageException("unknown output format " + v);
          }
          o.format = v;
        }
        case "--output-directory" -> {
          o.outputDirectory = Paths.get(v);
          o.outputDirectoryGiven = true;
        }
        default -> throw new UsageException("option " + opt.name() + " not recognized");
      }
    }
    if (o.help || o.version) {
      return o;
    }
    if (r.operands().isEmpty()) {
      throw new UsageException("no disk image given");
    }
    if (o.json && !o.list) {
      throw new UsageException("--json goes with -l (for the whole disk: jgrub inspect --json)");
    }
    o.disk = Paths.get(r.operands().get(0));
    if (o.runas.isPresent() && !o.zfsVdevs.isEmpty()) {
      throw new UsageException("--zfs-vdev cannot be combined with --runas yet (the sandboxed child receives one disk)");
    }
    if (o.mdMembers.size() > org.jgrub.volume.VolumeScanner.MAX_MD_DISKS) {
      throw new UsageException(o.mdMembers.size() + " --md-member disks given; at most "
          + org.jgrub.volume.VolumeScanner.MAX_MD_DISKS);
    }
    if (!o.mdMembers.isEmpty() && (!o.zfsVdevs.isEmpty() || o.offset.isPresent())) {
      throw new UsageException("--md-member cannot be combined with "
          + (o.offset.isPresent() ? "--offset (which names one filesystem)" : "--zfs-vdev"));
    }
    if (o.runas.isPresent() && !o.mdMembers.isEmpty()) {
      throw new UsageException("--md-member cannot be combined with --runas yet (the sandboxed child receives one disk)");
    }
    if (o.runas.isPresent() && o.backingDir.isPresent()) {
      throw new UsageException("--backing-dir cannot be combined with --runas yet (the sandboxed child receives one disk)");
    }
    if (o.runas.isPresent() && o.interactive) {
      throw new UsageException("In order to use --runas, you must also set --entry or -q");
    }
    return o;
  }

  /**
   * What --version prints: jgrub's version (from jgrub.jar's manifest, written by the build) and
   * the Java runtime this process runs on, which for the .deb and the tarball is their own.
   */
  static String versionText() {
    String v = Options.class.getPackage().getImplementationVersion();
    return "jgrub " + (v == null ? "(unknown version: not started from jgrub.jar)" : v) + "\n"
        + "runtime: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.vendor") + ") in " + System.getProperty("java.home") + "\n";
  }

  static int parseUid(String v) throws UsageException {
    try {
      int uid = Integer.parseInt(v.trim());
      if (uid < 0) {
        throw new NumberFormatException();
      }
      return uid;
    } catch (NumberFormatException e) {
      throw new UsageException("runas value must be an integer user id");
    }
  }

  private static long parseOffset(String v) throws UsageException {
    try {
      long off = Long.parseLong(v.trim());
      if (off < 0) {
        throw new NumberFormatException();
      }
      return off;
    } catch (NumberFormatException e) {
      throw new UsageException("offset value must be an integer");
    }
  }
}
