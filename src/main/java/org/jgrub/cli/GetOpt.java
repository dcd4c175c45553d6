package org.jgrub.cli;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.UsageException;

/**
 * Python's {@code getopt.gnu_getopt} as pygrub calls it: short options clustered ("-qn"), long
 * options by any unique prefix, arguments after "=" or as the next word, options and operands in
 * any order, "--" ends the options.
 */
final class GetOpt {
  /** One parsed option: its canonical name ("-q" or "--entry") and its argument (or ""). */
  record Opt(String name, String value) {}

  record Result(List<Opt> options, List<String> operands) {}

  private GetOpt() {}

  /**
   * @param shortOpts letters; a letter followed by ':' takes an argument, by "::" an optional one
   * @param longOpts names; a name ending in '=' takes an argument
   */
  static Result parse(String[] argv, String shortOpts, String[] longOpts) throws UsageException {
    List<Opt> opts = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--")) {
        for (int j = i + 1; j < argv.length; j++) {
          operands.add(argv[j]);
        }
        break;
      }
      if (a.startsWith("--")) {
        String body = a.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        String match = longMatch(name, longOpts);
        boolean takesArg = match.endsWith("=");
        String canonical = takesArg ? match.substring(0, match.length() - 1) : match;
        if (takesArg) {
          String value;
          if (eq >= 0) {
            value = body.substring(eq + 1);
          } else if (i + 1 < argv.length) {
            value = argv[++i];
          } else {
            throw new UsageException("option --" + canonical + " requires argument");
          }
          opts.add(new Opt("--" + canonical, value));
        } else {
          if (eq >= 0) {
            throw new UsageException("option --" + canonical + " must not have an argument");
          }
          opts.add(new Opt("--" + canonical, ""));
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int k = 1; k < a.length(); k++) {
          char c = a.charAt(k);
          int at = shortOpts.indexOf(c);
          if (at < 0 || c == ':') {
            throw new UsageException("option -" + c + " not recognized");
          }
          boolean arg = at + 1 < shortOpts.length() && shortOpts.charAt(at + 1) == ':';
          boolean optional = arg && at + 2 < shortOpts.length() && shortOpts.charAt(at + 2) == ':';
          if (arg) {
            String rest = a.substring(k + 1);
            if (!rest.isEmpty()) {
              opts.add(new Opt("-" + c, rest));
            } else if (optional) {
              opts.add(new Opt("-" + c, ""));
            } else if (i + 1 < argv.length) {
              opts.add(new Opt("-" + c, argv[++i]));
            } else {
              throw new UsageException("option -" + c + " requires argument");
            }
            break;
          }
          opts.add(new Opt("-" + c, ""));
        }
      } else {
        operands.add(a);
      }
    }
    return new Result(opts, operands);
  }

  private static String longMatch(String name, String[] longOpts) throws UsageException {
    String found = null;
    for (String l : longOpts) {
      String base = l.endsWith("=") ? l.substring(0, l.length() - 1) : l;
      if (base.equals(name)) {
        return l;
      }
      if (base.startsWith(name)) {
        if (found != null) {
          throw new UsageException("option --" + name + " not a unique prefix");
        }
        found = l;
      }
    }
    if (found == null || name.isEmpty()) {
      throw new UsageException("option --" + name + " not recognized");
    }
    return found;
  }
}
