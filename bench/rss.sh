#!/usr/bin/env bash
# Peak memory of a whole jgrub boot: median max RSS (GNU time's %M) of `bin/jgrub -q` copying the
# kernel and initrd out of bench/compare.sh's images, whose initrds are 60 MiB, 250 MiB and 60 MiB
# in small extents. A flat column means the copy streams instead of holding files in memory.
#
#   bench/rss.sh [RUNS]      (default 11; run bench/compare.sh once first to make the images)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=bench/work
[ -x /usr/bin/time ] || { echo "bench/rss.sh needs GNU time (apt-get install time)" >&2; exit 1; }
export PYGRUB_MAX_FILE_SIZE_MB=1024 # the 250 MiB initrd is over the default 128 MiB limit
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf '%-14s %10s %12s %12s\n' image "initrd MiB" "max RSS MiB" "cpu s"
for name in debian-60 debian-250 debian-frag; do
  img="$work/$name.img"
  [ -f "$img" ] || { echo "$img is missing: run bench/compare.sh first" >&2; exit 1; }
  : > "$out/t"
  for i in $(seq "$runs"); do
    rm -f "$out"/boot_*
    /usr/bin/time -f "%M %U %S" -o "$out/one" bin/jgrub -q --output-directory="$out" "$img" >/dev/null 2>&1
    cat "$out/one" >> "$out/t"
  done
  size=$(stat -c %s "$out"/boot_ramdisk* 2>/dev/null | head -1 || echo 0)
  printf '%-14s %10d %12.1f %12.3f\n' "$name" "$((size >> 20))" \
    "$(cut -d' ' -f1 "$out/t" | median | awk '{print $1 / 1024}')" \
    "$(awk '{print $2 + $3}' "$out/t" | median)"
done
echo "runs: $runs each; $(java -version 2>&1 | head -1)"
