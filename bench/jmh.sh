#!/usr/bin/env bash
# Builds and runs jgrub's JMH benchmarks (src/jmh/java, compiled only with the Maven profile
# `bench`). Extra arguments go to JMH, e.g. a benchmark pattern or longer runs:
#
#   bench/jmh.sh                       all, short runs (2 warm-up + 3 measured iterations of 1 s)
#   bench/jmh.sh DirLookup -wi 5 -i 10 one class, longer
#
# The extent-map and directory benchmarks read images from bench/make-bench-images.sh (root).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -Pbench test-compile
cp=target/test-classes:target/classes:$(cat target/bench-classpath.txt)
# Short runs unless the arguments say otherwise (JMH refuses an option given twice).
args=" $* "
defaults=()
[[ "$args" == *" -f "* ]] || defaults+=(-f 1)
[[ "$args" == *" -wi "* ]] || defaults+=(-wi 2)
[[ "$args" == *" -w "* ]] || defaults+=(-w 1s)
[[ "$args" == *" -i "* ]] || defaults+=(-i 3)
[[ "$args" == *" -r "* ]] || defaults+=(-r 1s)
exec java -cp "$cp" org.openjdk.jmh.Main "${defaults[@]}" "$@"
