#!/usr/bin/env bash
# Start-up CPU of whole jgrub processes: medians over RUNS runs of user, system and user+system
# CPU time (from perf stat, microsecond resolution), for `-h`, `-l` and `-q -n` on the sample.
#
#   bench/startup.sh [RUNS] [LAUNCHER...]     (default: 21 runs of bin/jgrub)
#
# Launchers: bin/jgrub (the checkout), /usr/bin/jgrub (the installed .deb), an unpacked
# tarball's bin/jgrub, /usr/lib/xen-4.17/bin/pygrub.
# With several launchers (e.g. a copy of an older checkout's bin/jgrub with its own target/),
# runs alternate between them so that load from other processes falls on all of them alike.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
shift || true
launchers=("$@")
[ "${#launchers[@]}" -gt 0 ] || launchers=(bin/jgrub)
img=${JGRUB_IMAGE:-target/sample/debian12-guest.img}
command -v perf >/dev/null || { echo "bench/startup.sh needs perf (apt-get install linux-perf)" >&2; exit 1; }
[ -f "$img" ] || { echo "run scripts/build.sh first ($img is missing)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

cases=("-h" "-l $img" "-q -n $img")
printf '%-44s %-22s %8s %8s %8s\n' launcher case "user ms" "sys ms" "cpu ms"
for c in "${cases[@]}"; do
  for i in $(seq "$runs"); do
    for l in "${!launchers[@]}"; do
      # shellcheck disable=SC2086 # a launcher may be "env VAR=... bin/jgrub"
      perf stat -x, -e user_time,system_time -o "$tmp/p" -- ${launchers[$l]} $c >/dev/null 2>&1 || true
      awk -F, '/user_time/ {u=$1} /system_time/ {s=$1} END {printf "%.3f %.3f %.3f\n", u/1e6, s/1e6, (u+s)/1e6}' \
        "$tmp/p" >> "$tmp/$l"
    done
  done
  for l in "${!launchers[@]}"; do
    printf '%-44s %-22s %8.1f %8.1f %8.1f\n' "${launchers[$l]}" "${c%% *}" \
      "$(cut -d' ' -f1 "$tmp/$l" | median)" "$(cut -d' ' -f2 "$tmp/$l" | median)" "$(cut -d' ' -f3 "$tmp/$l" | median)"
    rm -f "$tmp/$l"
  done
done
echo "runs: $runs each; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
