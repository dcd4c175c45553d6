package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrub.testutil.LauncherFlags;
import org.junit.jupiter.api.Test;

/** The --runas child compiles the same code early as bin/jgrub does. */
class SandboxFlagsTest {
  @Test
  void childAndLauncherCompileTheSameCodeEarly() throws Exception {
    List<String> launcher = LauncherFlags.read();
    for (String hot : Sandbox.HOT_CODE) {
      assertTrue(launcher.contains("-XX:CompileCommand=CompileThresholdScaling," + hot + ",0.1"),
          hot + " is compiled early in the --runas child but not by bin/jgrub: " + launcher);
    }
    long launcherHot = launcher.stream()
        .filter(f -> f.startsWith("-XX:CompileCommand=CompileThresholdScaling,")).count();
    assertTrue(launcherHot == Sandbox.HOT_CODE.size(),
        "bin/jgrub compiles other code early than the --runas child: " + launcher);
  }
}
