package org.jgrub.config.grub2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.GuestFiles;

/**
 * GRUB's commands as far as they decide the menu: variables, tests, includes, the environment
 * block, {@code search}, the loaders an entry runs, passwords; the many commands that only change
 * the screen or load modules do nothing here, and an unknown command is a warning, never fatal.
 */
final class Commands {
  private Commands() {}

  static void run(Interp in, List<String> argv, int line) {
    String name = argv.get(0);
    int last = in.status;
    in.status = 0;
    switch (name) {
      case "set" -> set(in, argv);
      case "unset" -> {
        for (int k = 1; k < argv.size(); k++) {
          in.scope.unset(argv.get(k));
        }
      }
      case "export" -> {
        for (int k = 1; k < argv.size(); k++) {
          in.scope.export(argv.get(k));
        }
      }
      case "[", "test" -> test(in, argv, line);
      case "true" -> in.status = 0;
      case "false" -> in.status = 1;
      case "source", "." -> source(in, argv, line);
      case "configfile", "normal" -> configfile(in, argv, line);
      case "load_env" -> loadEnv(in, argv, line);
      case "search", "search.fs_uuid", "search.fs_label", "search.file" -> search(in, argv, line);
      case "linux", "linux16", "linuxefi" -> LoaderCommands.linux(in, argv, line);
      case "initrd", "initrd16", "initrdefi" -> LoaderCommands.initrd(in, argv, line);
      case "multiboot", "multiboot2" -> LoaderCommands.multiboot(in, argv, line);
      case "module", "module2" -> LoaderCommands.module(in, argv, line);
      case "chainloader", "kfreebsd", "knetbsd", "kopenbsd", "ntldr", "appleloader",
          "xnu_kernel", "xnu_kernel64", "freedos", "truecrypt", "plan9", "legacy_configfile",
          "halt", "reboot", "fwsetup" -> LoaderCommands.other(in, argv, line);
      case "loopback" -> LoaderCommands.loopback(in, argv, line);
      case "btrfs-mount-subvol" -> BtrfsSubvol.mount(in, argv, line);
      case "blscfg" -> Blscfg.run(in, argv, line);
      case "menuentry", "submenu" -> {
        in.warn(line, name + " without a { } body; not added");
        in.status = 1;
      }
      case "password", "password_pbkdf2" -> password(in, argv, line);
      case "return" -> {
        in.status = argv.size() > 1 ? number(argv.get(1)) : last;
        in.signal = Interp.RETURN;
      }
      case "break", "continue" -> {
        in.signal = name.equals("break") ? Interp.BREAK : Interp.CONTINUE;
        in.signalCount = argv.size() > 1 ? Math.max(1, number(argv.get(1))) : 1;
      }
      case "shift" -> {
        int k = argv.size() > 1 ? number(argv.get(1)) : 1;
        if (k < 0 || k > in.params.size()) {
          in.status = 1;
        } else {
          in.params = in.params.subList(k, in.params.size());
        }
      }
      case "setparams" -> in.params = new ArrayList<>(argv.subList(1, argv.size()));
      case "eval" -> eval(in, argv, line);
      // Commands that only touch the screen, modules, sound or firmware settings.
      case "insmod", "rmmod", "echo", "terminal_input", "terminal_output", "terminal",
          "loadfont", "background_image", "background_color", "play", "serial", "sleep", "clear",
          "save_env", "boot", "videoinfo", "cmosclean", "badram", "cutmem", "lsfonts", "gettext",
          "lsmod", "ls", "cat", "help", "set_gfxmode", "terminfo", "font", "hello", "tpm",
          "verify_detached", "trust", "distrust", "list_env", "lsmmap", "pager", "nativedisk",
          "initrdfail", "read", "btrfs-list-snapshots", "btrfs-get-default-subvol",
          "sleep_fn" -> { }
      // Hardware queries whose answer on a Xen PV guest is "no".
      case "keystatus", "cmostest", "smbios", "probe" -> in.status = 1;
      default -> fallback(in, argv, line);
    }
  }

  /** Functions first, then the helpers grub-mkconfig defines, then a warning. */
  private static void fallback(Interp in, List<String> argv, int line) {
    String name = argv.get(0);
    Node.Function f = in.functions.get(name);
    if (f != null) {
      in.call(f, argv, line);
      return;
    }
    switch (name) {
      // Defined as functions by grub-mkconfig's own header; harmless when a config omits them.
      case "load_video", "recordfail", "savedefault", "gfxmode" -> { }
      default -> {
        in.warn(line, "unknown command '" + name + "' ignored");
        in.status = 1;
      }
    }
  }

  static int number(String s) {
    long v = TestCommand.toLong(s);
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
  }

  private static void set(Interp in, List<String> argv) {
    if (argv.size() < 2) {
      return;
    }
    String a = argv.get(1);
    int eq = a.indexOf('=');
    if (eq <= 0) {
      in.status = 1; // GRUB: "not an assignment"
      return;
    }
    in.scope.set(a.substring(0, eq), a.substring(eq + 1));
  }

  private static void test(Interp in, List<String> argv, int line) {
    int end = argv.size();
    if (argv.get(0).equals("[")) {
      if (!argv.get(end - 1).equals("]")) {
        in.warn(line, "'[' without a closing ']'");
        in.status = 1;
        return;
      }
      end--;
    }
    try {
      in.status = new TestCommand(in, argv, 1, end, line).eval() ? 0 : 1;
    } catch (SyntaxError e) {
      in.warn(line, e.getMessage());
      in.status = 1;
    }
  }

  /**
   * The text of the file {@code source} or {@code configfile} names, within the include depth;
   * empty (status 1, with a warning) when there is none or the nesting is too deep.
   */
  private static Optional<String> included(Interp in, String cmd, List<String> argv, int line) {
    if (argv.size() < 2) {
      in.status = 1;
      return Optional.empty();
    }
    if (in.includeDepth >= in.limits.includeDepth) {
      in.warn(line, cmd + " " + argv.get(1) + ": files included deeper than "
          + in.limits.includeDepth + " levels; not read");
      in.status = 1;
      return Optional.empty();
    }
    Optional<String> text = in.readText(argv.get(1), line);
    if (text.isEmpty()) {
      in.warn(line, cmd + ": " + argv.get(1) + " not found");
      in.status = 1;
    }
    return text;
  }

  private static void source(Interp in, List<String> argv, int line) {
    Optional<String> text = included(in, "source", argv, line);
    if (text.isEmpty()) {
      return;
    }
    String oldFile = in.scope.get("config_file");
    String oldDir = in.scope.get("config_directory");
    setConfigPath(in, argv.get(1));
    in.includeDepth++;
    try {
      in.runText(text.get(), argv.get(1));
    } finally {
      in.includeDepth--;
      restore(in, "config_file", oldFile);
      restore(in, "config_directory", oldDir);
    }
  }

  /**
   * GRUB's read_config_file (normal/main.c) points config_file and config_directory at the file
   * it reads while it reads it, exported, and puts the old values back afterwards.
   */
  static void setConfigPath(Interp in, String path) {
    int slash = path.lastIndexOf('/');
    in.scope.set("config_file", path);
    in.scope.set("config_directory", slash < 0 ? "" : path.substring(0, slash));
    in.scope.export("config_file");
    in.scope.export("config_directory");
  }

  private static void restore(Interp in, String name, String value) {
    if (value == null) {
      in.scope.unset(name);
    } else {
      in.scope.set(name, value);
    }
  }

  private static void configfile(Interp in, List<String> argv, int line) {
    if (in.rec != null) {
      NestedMenu.open(in, argv, line);
      return;
    }
    Optional<String> text = included(in, "configfile", argv, line);
    if (text.isEmpty()) {
      return;
    }
    // GRUB opens a new context holding the exported variables and shows the new file's menu
    // instead (normal/main.c, grub_normal_execute with nested set).
    MenuContext outer = in.ctx;
    Scope outerScope = in.scope;
    List<String> outerParams = in.params;
    MenuContext next = new MenuContext(Scope.exportedFrom(outerScope));
    in.ctx = next;
    in.scope = next.scope;
    in.params = List.of();
    setConfigPath(in, argv.get(1));
    in.includeDepth++;
    try {
      in.runText(text.get(), argv.get(1));
    } finally {
      in.includeDepth--;
      in.ctx = outer;
      in.scope = outerScope;
      in.params = outerParams;
    }
    outer.replacement = next;
    in.signal = Interp.ABORT;
  }

  private static void loadEnv(Interp in, List<String> argv, int line) {
    String path = null;
    List<String> only = new ArrayList<>();
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      if (a.equals("-f") || a.equals("--file")) {
        if (k + 1 < argv.size()) {
          path = argv.get(++k);
        }
      } else if (a.startsWith("--file=")) {
        path = a.substring(7);
      } else if (a.equals("-s") || a.equals("--skip-sig")) {
        continue;
      } else {
        only.add(a);
      }
    }
    if (path == null) {
      String prefix = in.scope.get("prefix");
      if (prefix == null || prefix.isEmpty()) {
        in.status = 1;
        return;
      }
      path = prefix + "/grubenv";
    }
    Optional<String> text = in.readText(path, line);
    if (text.isEmpty()) {
      in.status = 1;
      return;
    }
    List<EnvBlock.Var> vars = EnvBlock.parse(text.get());
    if (vars == null) {
      in.warn(line, "load_env: " + path + " is not a GRUB environment block");
      in.status = 1;
      return;
    }
    for (EnvBlock.Var v : vars) {
      if (only.isEmpty() || only.contains(v.name())) {
        in.scope.set(v.name(), v.value());
      }
    }
  }

  private static void search(Interp in, List<String> argv, int line) {
    String name = argv.get(0);
    GuestFiles.SearchBy by = null;
    String var = null;
    String key = null;
    if (!name.equals("search")) {
      // search.fs_uuid UUID [VAR] and friends (search_wrap.c).
      by = name.equals("search.fs_uuid") ? GuestFiles.SearchBy.FS_UUID
          : name.equals("search.fs_label") ? GuestFiles.SearchBy.LABEL : GuestFiles.SearchBy.FILE;
      List<String> plain = new ArrayList<>();
      for (int k = 1; k < argv.size(); k++) {
        if (!argv.get(k).startsWith("--")) {
          plain.add(argv.get(k));
        }
      }
      key = plain.isEmpty() ? null : plain.get(0);
      var = plain.size() > 1 ? plain.get(1) : null;
    } else {
      for (int k = 1; k < argv.size(); k++) {
        String a = argv.get(k);
        switch (a) {
          case "-f", "--file" -> by = GuestFiles.SearchBy.FILE;
          case "-l", "--label" -> by = GuestFiles.SearchBy.LABEL;
          case "-u", "--fs-uuid" -> by = GuestFiles.SearchBy.FS_UUID;
          case "-s", "--set" -> var = "root";
          case "-n", "--no-floppy", "--efidisk-only", "--cryptodisk-only" -> { }
          default -> {
            if (a.startsWith("--set=")) {
              var = a.substring(6);
            } else if (a.startsWith("--hint")) {
              continue;
            } else if (a.startsWith("-") && a.length() > 1 && key == null) {
              in.warn(line, "search: unknown option '" + a + "' ignored");
            } else if (key == null) {
              key = a;
            }
          }
        }
      }
    }
    if (by == null || key == null) {
      in.warn(line, "search: needs --file, --label or --fs-uuid and a key");
      in.status = 1;
      return;
    }
    Optional<String> dev;
    try {
      dev = in.files.search(by, Text.display(key));
    } catch (IOException e) {
      in.warn(line, "search " + key + ": " + e.getMessage());
      in.status = 1;
      return;
    }
    if (dev.isEmpty()) {
      in.warn(line, "search: no volume has " + what(by) + " '" + key + "'");
      in.status = 1;
      return;
    }
    if (var != null) {
      in.scope.set(var, dev.get());
    }
  }

  private static String what(GuestFiles.SearchBy by) {
    return switch (by) {
      case FS_UUID -> "filesystem UUID";
      case LABEL -> "label";
      case FILE -> "the file";
    };
  }

  private static void eval(Interp in, List<String> argv, int line) {
    if (in.callDepth >= in.limits.scriptDepth) {
      in.warn(line, "eval nested deeper than " + in.limits.scriptDepth + " levels; skipped");
      in.status = 1;
      return;
    }
    in.callDepth++;
    try {
      in.runText(LoaderCommands.joinFrom(argv, 1), in.file);
    } finally {
      in.callDepth--;
    }
  }

  private static void password(Interp in, List<String> argv, int line) {
    if (argv.size() != 3) {
      in.warn(line, argv.get(0) + ": expected a user and a password");
      in.status = 1;
      return;
    }
    String scheme = argv.get(0).equals("password") ? "plain" : "pbkdf2";
    in.passwords.add(new String[] {scheme, argv.get(1), argv.get(2)});
  }
}
