package org.jgrub.menu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Menu;

/**
 * A test program for {@link PtyTest}: runs the menu on the real console (stdin/stdout, raw mode)
 * with one of the {@link Menus} and writes what it decided to a file, atomically.
 */
public final class MenuOnPty {
  private MenuOnPty() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Menu m;
    switch (args[1]) {
      case "ubuntu":
        m = Menus.ubuntu();
        break;
      case "ubuntu-locked":
        m =
            Menus.ubuntu(
                Optional.of(
                    new org.jgrub.config.Password(
                        "pbkdf2", PasswordTest.HUNTER2_1000, "root", List.of("root"))));
        break;
      case "ubuntu-submenu-default":
        m = Menus.withDefault(Menus.ubuntu(), "1>1");
        break;
      default:
        m = Menus.rhel7();
        break;
    }
    MenuOutcome o = BootMenu.runOnConsole(m, BootMenuTest.NO_FILES);
    StringBuilder sb = new StringBuilder();
    sb.append("how=").append(o.how()).append('\n');
    if (o.entry() != null) {
      sb.append("title=").append(o.entry().title()).append('\n');
      sb.append("kernel=").append(o.entry().kernel()).append('\n');
      sb.append("initrds=").append(o.entry().initrds()).append('\n');
      sb.append("args=").append(o.entry().args()).append('\n');
      sb.append("path=").append(o.path()).append('\n');
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.write(tmp, sb.toString().getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
  }
}
