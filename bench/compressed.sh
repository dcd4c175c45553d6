#!/usr/bin/env bash
# Reading from compressed filesystems: jgrub against GRUB's own userspace reader (grub-fstest
# from Debian's grub-common) on the same image, and against the decompressor's own speed.
#
#   bench/compressed.sh [RUNS]        (default 9 runs of each, alternating)
#
# Makes btrfs images with mkfs.btrfs and a loop mount with compress-force=zstd|zlib|lzo (root),
# each holding one 60 MiB file of real binaries (the first files under /usr/lib/x86_64-linux-gnu,
# /usr/lib/jvm and /usr/share: compressible about 2.5:1, like an uncompressed initramfs), then
# copies that file with `bin/jgrub -q --kernel=FILE` and `grub-fstest IMG cp (loop0)FILE OUT`,
# checks both copies against the original, and prints median wall, CPU and max RSS, MB/s of file
# data per whole process, and the decompressor's own speed on the same data in 128 KiB blocks
# (`zstd -b3 -B128KiB` for zstd, Python's zlib at level 3 for zlib; lzo: no tool here).
# It installs nothing; it stops and says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
need=()
for t in mkfs.btrfs grub-fstest zstd python3 mount bc; do
  command -v "$t" >/dev/null 2>&1 || need+=("$t")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "bench/compressed.sh needs: ${need[*]}" >&2
  echo "  (Debian: apt-get install btrfs-progs grub-common zstd python3 mount bc)" >&2
  exit 1
fi
[ "$(id -u)" = 0 ] || { echo "bench/compressed.sh makes its images through a loop mount: run it as root" >&2; exit 1; }
[ -f target/jgrub.jar ] || { echo "run scripts/build.sh first" >&2; exit 1; }
work=bench/work
mkdir -p "$work/out"
data="$work/compressible-60m.bin"
if [ ! -f "$data" ]; then
  python3 bench/compressible.py "$data" 60
fi

make_image() { # ALG
  local img="$work/btrfs-$1.img"
  [ -f "$img" ] && return
  truncate -s 200M "$img"
  mkfs.btrfs -q -f "$img" >/dev/null
  local mnt; mnt=$(mktemp -d)
  mount -o loop,compress-force="$1" "$img" "$mnt"
  mkdir -p "$mnt/boot"
  cp "$data" "$mnt/boot/initrd.img"
  umount "$mnt"; rmdir "$mnt"
}

measure() { # LABEL CMD...
  local label=$1; shift
  rm -f "$work"/out/*
  python3 bench/measure.py "$work/$label.times" "$@" || exit 1
  cmp -s "$data" "$(ls "$work"/out/* | head -1)" || { echo "$label: the copy differs from the file" >&2; exit 1; }
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

own_speed() { # ALG -> MB/s of the decompressor alone on 128 KiB blocks
  case $1 in
    zstd) zstd -b3 -B128KiB -i3 "$data" 2>&1 | tr '\r' '\n' | grep 'MB/s' | tail -1 |
            sed 's/.*, *\([0-9.]*\) MB\/s *$/\1/' ;;
    zlib) python3 - "$data" <<'PY'
import sys, time, zlib
d = open(sys.argv[1], "rb").read()
blocks = [zlib.compress(d[i:i + 131072], 3) for i in range(0, len(d), 131072)]
best = None
for _ in range(3):
    t = time.perf_counter()
    for b in blocks:
        zlib.decompress(b)
    s = time.perf_counter() - t
    best = s if best is None else min(best, s)
print("%.1f" % (len(d) / best / 1e6))
PY
      ;;
    *) echo "n/a" ;;
  esac
}

size=$(stat -c %s "$data")
printf '%-6s %9s %9s %9s %9s %8s %8s %9s %9s %9s\n' alg "jgrub s" "grub s" "jgrub cpu" "grub cpu" \
  "jgrub MB" "grub MB" "jgrub MB/s" "grub MB/s" "own MB/s"
for alg in zstd zlib lzo; do
  make_image "$alg"
  img="$work/btrfs-$alg.img"
  rm -f "$work"/j.times "$work"/g.times
  for i in $(seq "$runs"); do
    measure j bin/jgrub -q --kernel=/boot/initrd.img --output-directory="$work/out" "$img"
    measure g grub-fstest "$img" cp "(loop0)/boot/initrd.img" "$work/out/copy"
  done
  jw=$(cut -d' ' -f1 "$work/j.times" | median); gw=$(cut -d' ' -f1 "$work/g.times" | median)
  jc=$(cut -d' ' -f2 "$work/j.times" | median); gc=$(cut -d' ' -f2 "$work/g.times" | median)
  jm=$(cut -d' ' -f3 "$work/j.times" | median); gm=$(cut -d' ' -f3 "$work/g.times" | median)
  printf '%-6s %9.3f %9.3f %9.3f %9.3f %8.0f %8.0f %9.0f %9.0f %9s\n' "$alg" "$jw" "$gw" "$jc" "$gc" \
    "$(echo "$jm / 1024" | bc -l)" "$(echo "$gm / 1024" | bc -l)" \
    "$(echo "$size / $jw / 1000000" | bc -l)" "$(echo "$size / $gw / 1000000" | bc -l)" "$(own_speed "$alg")"
done
rm -f "$work"/out/* "$work"/*.times.err
echo
echo "file: $size bytes; machine: $(nproc) cores; $(java -version 2>&1 | head -1); $(grub-fstest --version | head -1)"
