#!/usr/bin/env bash
# What parsing in the sandboxed child costs per boot: jgrub -q in-process and with --runas
# (a second JVM in new namespaces, as nobody), alternating, on the sample guest and on the
# Debian-like 60 MiB image of bench/compare.sh (10 MiB kernel, 60 MiB initrd on ext4).
#
#   bench/sandbox.sh [RUNS]        (default 15 runs of each; as root, after scripts/build.sh)
#
# Prints per case the median wall time, CPU (user+sys, the child's included: measure.py's wait4
# counts the descendants the parent waited for) and max RSS, and the sandbox's extra wall and CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
[ -f target/jgrub.jar ] || { echo "run scripts/build.sh first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "bench/sandbox.sh runs as root (--runas)" >&2; exit 1; }
work=bench/work
mkdir -p "$work/out"
chmod 0700 "$work/out"
img60="$work/debian-60.img"
if [ ! -f "$img60" ]; then
  tree="$work/tree-debian-60"
  rm -rf "$tree"
  python3 fixtures/boot-tree.py "$tree" --small --kernels 6.1.0-13-amd64,6.1.0-12-amd64 >/dev/null
  cp src/test/resources/configs/grub2/debian12-mkconfig.cfg "$tree/boot/grub/grub.cfg"
  head -c $((10 << 20)) /dev/urandom > "$tree/boot/vmlinuz-6.1.0-13-amd64"
  head -c $((60 << 20)) /dev/urandom > "$tree/boot/initrd.img-6.1.0-13-amd64"
  truncate -s 194M "$img60"
  printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$img60"
  mke2fs -q -F -t ext4 -E offset=1048576,root_owner=0:0 -d "$tree" "$img60" "$((193 * 1024))k"
  rm -rf "$tree"
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() { # LABEL CMD...
  local label=$1; shift
  rm -f "$work"/out/boot_*
  python3 bench/measure.py "$work/$label.times" "$@" || exit 1
}
printf '%-22s %9s %9s %9s %9s %8s %8s %9s %9s\n' case "plain s" "sandbox s" "plain cpu" "sbx cpu" \
  "plain MB" "sbx MB" "+wall ms" "+cpu ms"
for img in target/sample/debian12-guest.img "$img60"; do
  for opt in -q -l; do
    rm -f "$work"/s0.times "$work"/s1.times
    for i in $(seq "$runs"); do
      measure s0 bin/jgrub -q $opt --output-directory="$work/out" "$img"
      measure s1 bin/jgrub -q $opt --runas=65534 --output-directory="$work/out" "$img"
    done
    col() { cut -d' ' -f"$2" "$work/$1.times" | median; }
    w0=$(col s0 1); w1=$(col s1 1); c0=$(col s0 2); c1=$(col s1 2); m0=$(col s0 3); m1=$(col s1 3)
    printf '%-22s %9.4f %9.4f %9.4f %9.4f %8.0f %8.0f %9.0f %9.0f\n' "$(basename "$img" .img) $opt" \
      "$w0" "$w1" "$c0" "$c1" "$(echo "$m0 / 1024" | bc -l)" "$(echo "$m1 / 1024" | bc -l)" \
      "$(echo "($w1 - $w0) * 1000" | bc -l)" "$(echo "($c1 - $c0) * 1000" | bc -l)"
  done
done
rm -f "$work"/out/boot_* "$work"/*.times.err
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
