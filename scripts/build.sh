#!/usr/bin/env bash
# Builds jgrub (target/jgrub.jar + target/lib) and its class-data-sharing archive, unpacks the
# sample guest image, and makes the packages under target/dist/ (packaging/make-dist.sh: the .deb
# and the tarball, each with its own Java runtime). Tests are run separately (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -DskipTests
if [ ! -f target/sample/debian12-guest.img ] || [ samples/debian12-guest.img.xz -nt target/sample/debian12-guest.img ]; then
  mkdir -p target/sample
  xz -dc samples/debian12-guest.img.xz > target/sample/debian12-guest.img
fi
# The class-data-sharing archive: a static archive of the JDK's and jgrub's classes that typical
# runs load (org.jgrub.cli.Training lists them), dumped with G1 as bin/jgrub runs: on Java 17 only
# G1 maps an archive's heap objects, and with them the archived module graph (see docs/speed.md).
# Later runs map the classes instead of loading and verifying them. The class path must be the
# absolute one bin/jgrub passes: Java 17 records it as given and, at start-up, drops the archive
# (silently, with -Xlog:disable) when a recorded relative path does not exist from the current
# directory, which is the case wherever the toolstack starts jgrub. The archive belongs to this
# exact JDK build: run scripts/build.sh again after updating Java (a stale archive is ignored,
# and jgrub starts ~40 ms slower until then).
top=$(pwd -P)
rm -f target/jgrub.jsa target/jgrub.classlist
java -XX:DumpLoadedClassList=target/jgrub.classlist -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 \
  -XX:+UseG1GC -Xmx256m -Xmn16m -XX:-UsePerfData -Xss4m -Xlog:disable -Xlog:all=off:stderr -cp "$top/target/jgrub.jar" \
  org.jgrub.cli.Training target/sample/debian12-guest.img >/dev/null 2>&1 || true
java -Xshare:dump -XX:SharedClassListFile=target/jgrub.classlist -XX:SharedArchiveFile=target/jgrub.jsa \
  -XX:+UseG1GC -Xmx256m -Xmn16m -cp "$top/target/jgrub.jar" > target/jgrub.jsa.log 2>&1 ||
  { echo "scripts/build.sh: dumping the class-data-sharing archive failed (target/jgrub.jsa.log); jgrub runs without it" >&2; rm -f target/jgrub.jsa; }
packaging/make-dist.sh
