package org.jgrub.config.grub2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Warning;
import org.jgrub.config.bls.BlsEntry;
import org.jgrub.config.bls.BlsScan;

/**
 * The {@code blscfg} command of Fedora's and RHEL's GRUB: reads the BLS entries in {@code
 * $blsdir} (default {@code /loader/entries}, then {@code /boot/loader/entries}) on {@code $boot}
 * (or {@code $root}), sorts them as Fedora does and adds one menu entry per file, with the file
 * name as its id (what {@code saved_entry} names) and a body like the one blscfg generates:
 * {@code linux ($root)LINUX OPTIONS} with {@code $variables} in the options expanded now, and one
 * {@code initrd} line for all initrds.
 */
final class Blscfg {
  private Blscfg() {}

  static void run(Interp in, List<String> argv, int line) {
    if (in.rec != null) {
      in.warn(line, "blscfg inside a menu entry is ignored");
      return;
    }
    String device = in.scope.get("boot");
    if (device == null || device.isEmpty()) {
      device = in.scope.get("root");
    }
    device = device == null || device.isEmpty() ? null : Text.stripParens(device);
    String blsdir = in.scope.get("blsdir");
    List<String> dirs = blsdir != null && !blsdir.isEmpty()
        ? List.of(blsdir)
        : List.of("/loader/entries", "/boot/loader/entries");
    List<Warning> problems = new ArrayList<>();
    List<BlsEntry> entries = null;
    String dirUsed = null;
    try {
      for (String d : dirs) {
        String dir = d.endsWith("/") && d.length() > 1 ? d.substring(0, d.length() - 1) : d;
        Optional<List<BlsEntry>> got = BlsScan.read(in.files, device, Text.display(dir), problems);
        if (got.isPresent()) {
          entries = got.get();
          dirUsed = dir;
          break;
        }
      }
    } catch (IOException e) {
      in.warn(line, "blscfg: " + e.getMessage());
      in.status = 1;
      return;
    }
    for (Warning w : problems) {
      in.warn(line, w.file() + ": " + w.message());
    }
    if (entries == null) {
      in.warn(line, "blscfg: no BLS entries in " + String.join(" or ", dirs) + " on "
          + (device == null ? "the config's volume" : device));
      return;
    }
    for (BlsEntry e : BlsScan.sortForGrub(entries)) {
      if (e.linux() == null) {
        continue; // blscfg skips files without a 'linux' key
      }
      if (!in.newItem(line)) {
        return;
      }
      StringBuilder src = new StringBuilder();
      src.append("load_video\nset gfxpayload=keep\ninsmod gzio\nlinux ($root)")
          .append(Text.latin1View(e.linux()));
      String options = in.expandVars(Text.latin1View(e.options())).trim();
      if (!options.isEmpty()) {
        src.append(' ').append(options);
      }
      src.append('\n');
      if (!e.initrds().isEmpty()) {
        src.append("initrd");
        for (String i : e.initrds()) {
          src.append(" ($root)").append(Text.latin1View(i));
        }
        src.append('\n');
      }
      String text = src.toString();
      Node.Block body;
      try {
        body = parseBody(text, in.limits.scriptDepth);
      } catch (SyntaxError err) {
        in.warn(line, "blscfg: " + e.fileName() + ": " + err.getMessage());
        continue;
      }
      List<String> classes = e.grubClasses().isEmpty() ? List.of("kernel") : e.grubClasses();
      boolean unrestricted = false;
      for (String a : e.grubArgs()) {
        if (a.contains("--unrestricted")) {
          unrestricted = true;
        }
      }
      String title = Text.latin1View(e.title() != null ? e.title() : e.linux());
      // "grub_users $grub_users" with the variable unset gives no --users at all (blscfg's
      // expansion yields nothing), not an empty user list.
      String users = e.grubUsers() == null ? "" : in.expandVars(Text.latin1View(e.grubUsers())).trim();
      in.ctx.items.add(new MenuContext.Pending(false, title, Text.latin1View(e.id()), classes,
          users.isEmpty() ? null : users, unrestricted, List.of(title),
          body, text, dirUsed + "/" + e.fileName(), 1));
    }
  }

  private static Node.Block parseBody(String text, int depth) throws SyntaxError {
    Lexer lx = Lexer.run(text);
    if (lx.error() != null) {
      throw new SyntaxError(1, lx.error());
    }
    Parser p = new Parser(text, lx.tokens(), depth);
    List<Node> body = new ArrayList<>();
    for (Node n = p.next(); n != null; n = p.next()) {
      body.add(n);
    }
    return new Node.Block(body, 1);
  }
}
