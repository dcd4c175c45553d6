package org.jgrub.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts, per JUnit tag, the tests that ran (passed or failed) and writes "TAG COUNT" lines to the
 * file named by the system property {@code jgrub.tagReport} (surefire sets it) when the run ends.
 * Tests that need what a developer's machine may lack carry a tag: {@code root}, {@code pygrub}
 * (Xen's real pygrub), {@code tmux}, {@code python} (python3). A developer leaves them out with
 * {@code -DexcludedGroups=...}; CI (.ci/check-tags) reads this file and fails when a tag declared
 * in the tests ran no test, so a group cannot silently stop running there.
 *
 * <p>Registered through META-INF/services for the JUnit Platform launcher (which jazzer-junit
 * brings onto the test class path).
 */
public final class TagReport implements TestExecutionListener {
  private final Map<String, Integer> ran = new TreeMap<>();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    ran.clear();
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (!id.isTest() || result.getStatus() == TestExecutionResult.Status.ABORTED) {
      return;
    }
    // A method's own tags and those of its class (and enclosing classes), each once.
    Set<String> tags = new TreeSet<>();
    for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
      for (TestTag t : at.get().getTags()) {
        tags.add(t.getName());
      }
    }
    for (String t : tags) {
      ran.merge(t, 1, Integer::sum);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    String file = System.getProperty("jgrub.tagReport");
    if (file == null) {
      return;
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Integer> e : ran.entrySet()) {
      out.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    try {
      Path p = Path.of(file);
      Files.createDirectories(p.toAbsolutePath().getParent());
      Files.writeString(p, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
