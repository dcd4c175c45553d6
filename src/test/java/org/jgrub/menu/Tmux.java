package org.jgrub.menu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a program on a real pty: a private tmux server (its own socket), one 80x24 window,
 * keys sent with send-keys, the screen read with capture-pane.
 */
final class Tmux implements AutoCloseable {
  private final String socket;

  Tmux(String name) {
    this.socket = name + "-" + ProcessHandle.current().pid();
  }

  /** Starts {@code shellCommand} in a new 80x24 session with TERM=vt100. */
  void start(String shellCommand) throws IOException, InterruptedException {
    start(shellCommand, 80, 24);
  }

  /** Starts {@code shellCommand} in a new session of the given size with TERM=vt100. */
  void start(String shellCommand, int columns, int rows) throws IOException, InterruptedException {
    run(
        "new-session", "-d", "-s", "t", "-x", String.valueOf(columns), "-y", String.valueOf(rows),
        "env TERM=vt100 " + shellCommand);
  }

  void keys(String... keys) throws IOException, InterruptedException {
    List<String> a = new ArrayList<>(List.of("send-keys", "-t", "t"));
    a.addAll(List.of(keys));
    run(a.toArray(new String[0]));
  }

  void literal(String text) throws IOException, InterruptedException {
    run("send-keys", "-t", "t", "-l", text);
  }

  /** The visible screen as text. */
  String screen() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-t", "t");
  }

  /** The visible screen with its SGR attributes as escape sequences. */
  String screenWithAttributes() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-e", "-t", "t");
  }

  /** Waits until the screen shows {@code text}; returns the screen. */
  String waitFor(String text, long millis) throws IOException, InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    String s = "";
    while (System.nanoTime() < end) {
      s = screen();
      if (s.contains(text)) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for '" + text + "'; screen:\n" + s);
  }

  static void waitForFile(Path p, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < end) {
      if (Files.exists(p)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + p);
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    int rc = p.waitFor();
    String s = new String(out, StandardCharsets.UTF_8);
    if (rc != 0) {
      throw new IOException("tmux " + String.join(" ", args) + " failed (" + rc + "): " + s);
    }
    return s;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run("kill-server");
    } catch (IOException e) {
      // The server is already gone when its only session ended.
    }
  }
}
