#!/usr/bin/env bash
# jgrub's operator commands against libguestfs on the same image, each command run N times
# (default 5), alternately; prints the median wall time of each. libguestfs (Debian's
# libguestfs-tools: virt-filesystems, virt-ls, virt-cat) boots its appliance VM for every command,
# under software emulation where there is no KVM; a tool that fails is reported with its error.
# (virt-filesystems --all needs the appliance's lvm2 feature, which Debian 12's build lacks.)
# Usage: bench/tools.sh [N] [IMAGE]   (IMAGE defaults to the sample guest; run scripts/build.sh first)
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
img=${2:-target/sample/debian12-guest.img}
[ -f "$img" ] || { echo "bench/tools.sh: $img missing; run scripts/build.sh" >&2; exit 1; }
export LIBGUESTFS_BACKEND=${LIBGUESTFS_BACKEND:-direct}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }
timeit() { # prints wall seconds, or FAIL (with the error on stderr)
  local t0 t1 err
  err=$(mktemp)
  t0=$(date +%s.%N)
  if "$@" >/dev/null 2>"$err"; then
    t1=$(date +%s.%N); echo "$t1 - $t0" | bc
  else
    echo "FAIL: $* -> $(tail -n 2 "$err" | tr '\n' ' ')" >&2; echo FAIL
  fi
  rm -f "$err"
}
declare -A J G
cases="inspect ls cat"
for i in $(seq "$n"); do
  J[inspect]+="$(timeit bin/jgrub inspect "$img") "
  J[ls]+="$(timeit bin/jgrub ls "$img" /boot -R) "
  J[cat]+="$(timeit bin/jgrub cat "$img" /boot/grub/grub.cfg) "
  if command -v virt-ls >/dev/null; then
    G[inspect]+="$(timeit virt-filesystems -a "$img" --partitions --filesystems --long) "
    G[ls]+="$(timeit virt-ls -a "$img" -m /dev/sda1 -R /boot) "
    G[cat]+="$(timeit virt-cat -a "$img" -m /dev/sda1 /boot/grub/grub.cfg) "
  fi
done
printf '%-8s %12s %12s\n' command jgrub libguestfs
for c in $cases; do
  j=$(echo "${J[$c]}" | tr ' ' '\n' | grep -v '^$' | grep -v FAIL | median)
  g=$(echo "${G[$c]:-}" | tr ' ' '\n' | grep -v '^$' | grep -v FAIL | median)
  gf=$(echo "${G[$c]:-}" | tr ' ' '\n' | grep -c FAIL)
  printf '%-8s %12s %12s%s\n' "$c" "$j" "${g}" "$([ "$gf" -gt 0 ] && echo " ($gf failed)")"
done
