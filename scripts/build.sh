#!/usr/bin/env bash
# Builds jgrub (target/jgrub.jar + target/lib) and its class-data-sharing archive, and unpacks
# the sample guest image. Tests are run separately (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -DskipTests
if [ ! -f target/sample/debian12-guest.img ] || [ samples/debian12-guest.img.xz -nt target/sample/debian12-guest.img ]; then
  mkdir -p target/sample
  xz -dc samples/debian12-guest.img.xz > target/sample/debian12-guest.img
fi
# The archive records the classes typical runs load (org.jgrub.cli.Training), so later runs map
# them instead of loading and verifying them. The class path must be the absolute one bin/jgrub
# passes: Java 17 records it as given and, at start-up, drops the archive (silently, with
# -Xlog:disable) when a recorded relative path does not exist from the current directory, which
# is the case wherever the toolstack starts jgrub.
top=$(pwd -P)
rm -f target/jgrub.jsa
java -XX:ArchiveClassesAtExit=target/jgrub.jsa -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:+UseSerialGC \
  -XX:-UsePerfData -Xss4m -Xlog:disable -Xlog:all=off:stderr -cp "$top/target/jgrub.jar" \
  org.jgrub.cli.Training target/sample/debian12-guest.img >/dev/null 2>&1 || true
