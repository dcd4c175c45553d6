package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jgrub.io.Budget;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fixture disk (and the sample guest) booted, and listed, with the default budget: the
 * peak each run reaches of each budget is printed as a table and must stay below a tenth of the
 * budget, so a change that brings real guests near a limit is seen here first.
 */
class BudgetHeadroomTest {
  /** The peak of a budget a real disk may reach: a tenth of the default. */
  private static final int HEADROOM = 10;

  @TempDir Path tmp;

  static List<String> fixtures() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Fixtures.ROOT)) {
      s.filter(p -> p.getFileName().toString().endsWith(".img.xz"))
          .map(p -> Fixtures.ROOT.relativize(p).toString())
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  @Test
  void everyFixtureStaysFarBelowEveryBudget() throws IOException {
    List<String> names = new ArrayList<>();
    List<Path> disks = new ArrayList<>();
    names.add("samples/debian12-guest.img");
    disks.add(Fixtures.sample());
    for (String f : fixtures()) {
      names.add(f.substring(0, f.length() - 3));
      disks.add(Fixtures.image(f));
    }
    Budget.Kind[] kinds = Budget.Kind.values();
    long[] worst = new long[kinds.length];
    String[] worstDisk = new String[kinds.length];
    StringBuilder table = new StringBuilder();
    table.append(String.format("%-44s %-4s", "disk", "exit"));
    for (Budget.Kind k : kinds) {
      table.append(String.format(" %14s", k.label()));
    }
    table.append('\n');
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < disks.size(); i++) {
      for (String mode : new String[] {"boot", "list"}) {
        Path out = Files.createTempDirectory(tmp, "out");
        Budget b = Budget.defaults();
        String[] argv =
            mode.equals("boot")
                ? new String[] {"-q", "--output-directory=" + out, disks.get(i).toString()}
                : new String[] {"-q", "-l", disks.get(i).toString()};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
          status = Main.run(argv, o, e, null, b, false);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        if (said.contains("work budget")) {
          failures.add(names.get(i) + " (" + mode + "): " + said.trim());
        }
        table.append(String.format("%-44s %-4s", names.get(i) + " " + mode, status));
        for (Budget.Kind k : kinds) {
          long used = b.used(k);
          table.append(String.format(" %14d", used));
          if (used > worst[k.ordinal()]) {
            worst[k.ordinal()] = used;
            worstDisk[k.ordinal()] = names.get(i) + " " + mode;
          }
        }
        table.append('\n');
      }
    }
    Budget d = Budget.defaults();
    table.append(String.format("%-49s", "default budget"));
    for (Budget.Kind k : kinds) {
      table.append(String.format(" %14d", d.limit(k)));
    }
    table.append('\n');
    System.out.print(table);
    for (Budget.Kind k : kinds) {
      if (worst[k.ordinal()] * HEADROOM > d.limit(k)) {
        failures.add(
            k.label() + ": " + worstDisk[k.ordinal()] + " used " + worst[k.ordinal()]
                + ", more than a tenth of " + d.limit(k));
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures) + "\n" + table);
  }
}
