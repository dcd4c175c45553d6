package org.jgrub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UsageException;

/**
 * The operator commands ({@code jgrub inspect|ls|cat|cp}), written on {@code org.jgrub.api}. They
 * exist only under the name {@code jgrub}: the launcher passes the name it was started as
 * ({@code -Djgrub.prog}), and under any other name ({@code pygrub}) argv keeps pygrub's meaning, so
 * that {@code pygrub -l ls} still lists the entries of a disk image called "ls".
 */
final class Tools {
  static final String PROG_PROPERTY = "jgrub.prog";
  private static final Set<String> COMMANDS = Set.of("inspect", "ls", "cat", "cp");

  private Tools() {}

  /** Whether argv names an operator command and the program was started as jgrub. */
  static boolean handles(String[] argv) {
    return argv.length > 0
        && COMMANDS.contains(argv[0])
        && "jgrub".equals(System.getProperty(PROG_PROPERTY));
  }

  /** Runs the command argv[0]; returns the exit status. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    String cmd = argv[0];
    Args a;
    try {
      a = Args.parse(cmd, argv);
    } catch (UsageException e) {
      err.println(usage(cmd));
      return fail(err, e);
    }
    if (a.help) {
      out.println(usage(cmd));
      return 0;
    }
    try {
      if (a.runas.isPresent()) {
        ToolSandbox.run(a, out, err);
      } else {
        DiskSource src = DiskSource.path(Path.of(a.operands.get(0)));
        switch (cmd) {
          case "inspect" -> Inspect.run(a, src, out);
          case "ls" -> Ls.run(a, src, out);
          case "cat" -> Cat.run(a, src, out);
          default -> Cp.run(a, src, err);
        }
      }
      out.flush();
      if (out.checkError()) {
        throw new IOException("error writing to standard output");
      }
      return 0;
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      out.flush();
      return fail(err, e);
    }
  }

  private static final String RUNAS =
      "  --runas=UID  read DISK in a sandboxed child running as UID (as booting does; root only)";

  static String usage(String cmd) {
    return switch (cmd) {
      case "inspect" -> "Usage: jgrub inspect DISK [--json] [--runas=UID]\n"
          + "Shows the disk's image format, partition table, partitions, filesystems, the\n"
          + "bootloader configuration found, its entries and the default entry.\n"
          + "  --json  the same as JSON (schema: docs/schema/inspect-v2.json)\n"
          + RUNAS;
      case "ls" -> "Usage: jgrub ls DISK [VOLUME:]PATH [-l] [-R] [--runas=UID]\n"
          + "Lists a guest directory (or names a file). VOLUME is a partition number (1), a GRUB\n"
          + "name as `jgrub inspect` prints them (hd0,msdos1, hd0,gpt2, hd0, lvm/VG-LV), GRUB\n"
          + "legacy's hd0,0 or a Linux name (/dev/xvda1); GRUB's (hd0,msdos1)/PATH works too.\n"
          + "Without VOLUME, the first volume on which PATH exists.\n"
          + "  -l  long listing like `ls -ln` (UTC times, the guest's numeric owners)\n"
          + "  -R  everything below PATH, one full path a line\n"
          + RUNAS;
      case "cat" -> "Usage: jgrub cat DISK [VOLUME:]PATH [--runas=UID]\n"
          + "Writes a guest file to standard output (VOLUME as for `jgrub ls`).\n"
          + RUNAS;
      default -> "Usage: jgrub cp DISK [VOLUME:]PATH... DEST [-r] [-p] [--owner] [--runas=UID]\n"
          + "Copies guest files into DEST (an existing directory, or a new name for one file).\n"
          + "Symbolic links are copied as links, never followed; files are created new (an existing\n"
          + "name is an error) and nothing is written outside DEST. Without -p, modes, times and\n"
          + "owners are not copied.\n"
          + "  -r       copy directories and everything below them\n"
          + "  -p       keep the rwx permission bits and the modification and access times;\n"
          + "           setuid, setgid and sticky bits are never set on host files\n"
          + "  --owner  also give the copies the guest's numeric owner and group (root only)\n"
          + "With stderr on a terminal, a large file's progress is shown there.\n"
          + RUNAS;
    };
  }

  static int fail(PrintStream err, Throwable e) {
    String msg = e instanceof JgrubException ? e.getMessage() : Main.describe(e);
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      msg = f.getFile() + " already exists (jgrub cp never writes over or through an existing name)";
    } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      msg = f.getReason(); // the library's reason names the volume and the missing component
    }
    err.println("RuntimeError: " + Sanitize.text(msg == null ? e.getClass().getSimpleName() : msg));
    err.flush();
    return 1;
  }

  /** A command's flags and operands. */
  static final class Args {
    final String command;
    final List<String> operands = new ArrayList<>();
    boolean help;
    boolean json;
    boolean longFormat;
    boolean recursive;
    boolean preserve;
    boolean owner;
    /** Read the disk in a sandboxed child running as this user ({@link ToolSandbox}). */
    Optional<Integer> runas = Optional.empty();

    private Args(String command) {
      this.command = command;
    }

    static Args parse(String cmd, String[] argv) throws UsageException {
      Args a = new Args(cmd);
      boolean options = true;
      for (int i = 1; i < argv.length; i++) {
        String s = argv[i];
        if (options && s.equals("--")) {
          options = false;
        } else if (options && s.equals("--help")) {
          a.help = true;
        } else if (options && s.equals("--json") && cmd.equals("inspect")) {
          a.json = true;
        } else if (options && s.equals("--owner") && cmd.equals("cp")) {
          a.owner = true;
        } else if (options && s.startsWith("--runas=")) {
          a.runas = Optional.of(Options.parseUid(s.substring("--runas=".length())));
        } else if (options && s.equals("--runas")) {
          throw new UsageException(cmd + ": write --runas=UID");
        } else if (options && s.startsWith("-") && !s.startsWith("--") && s.length() > 1) {
          for (int j = 1; j < s.length(); j++) {
            a.flag(s.charAt(j), s);
          }
        } else if (options && s.startsWith("-") && s.length() > 1) {
          throw new UsageException(cmd + ": unknown option " + s);
        } else {
          a.operands.add(s);
        }
      }
      if (a.help) {
        return a;
      }
      int min = switch (cmd) {
        case "inspect" -> 1;
        case "cp" -> 3;
        default -> 2;
      };
      int max = cmd.equals("cp") ? Integer.MAX_VALUE : min;
      if (a.operands.size() < min || a.operands.size() > max) {
        throw new UsageException(cmd + ": expected " + (cmd.equals("cp") ? "at least " : "")
            + min + " operand" + (min > 1 ? "s" : "") + ", got " + a.operands.size());
      }
      return a;
    }

    private void flag(char c, String word) throws UsageException {
      if (c == 'h') {
        help = true;
      } else if (c == 'l' && command.equals("ls")) {
        longFormat = true;
      } else if (c == 'R' && command.equals("ls")) {
        recursive = true;
      } else if (c == 'r' && command.equals("cp")) {
        recursive = true;
      } else if (c == 'p' && command.equals("cp")) {
        preserve = true;
      } else {
        throw new UsageException(command + ": unknown option -" + c + " (in " + word + ")");
      }
    }
  }
}
