package org.jgrub.menu;

import java.io.IOException;

/**
 * A test program for {@link PtyTest}: prints two lines the way a thread prints while the menu
 * has the console in raw mode ({@link VtTerminal#lineEnd}), then two more after it is restored.
 */
public final class RawLinesOnPty {
  private RawLinesOnPty() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    try (VtTerminal t = VtTerminal.open(org.jgrub.io.Budget.UNLIMITED)) {
      System.out.print("raw one" + VtTerminal.lineEnd() + "raw two" + VtTerminal.lineEnd());
      System.out.flush();
      Thread.sleep(200);
    }
    System.out.print("cooked one" + VtTerminal.lineEnd() + "cooked two" + VtTerminal.lineEnd());
    System.out.flush();
  }
}
