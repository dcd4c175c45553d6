#!/usr/bin/env bash
# Whole-process comparison of jgrub and the real pygrub on the same guest images.
#
#   bench/compare.sh [RUNS] [LAUNCHER]   (default 15 runs of each, alternating; LAUNCHER defaults
#                                         to bin/jgrub, e.g. /usr/bin/jgrub for the installed .deb)
#   CASES="debian-60:-q debian-60:-l" bench/compare.sh ...   only these cases
#
# Builds the benchmark images with the real tools under bench/work/ (as root: the fragmented
# image is written through a loop mount), then runs jgrub and pygrub alternately on each case and
# prints one table row per case: median wall time, median CPU (user+sys), median max RSS, and
# jgrub/pygrub ratios. It installs nothing; it stops and says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
jgrub=${2:-bin/jgrub}
need=()
for t in mke2fs sfdisk python3 bc /usr/lib/xen-4.17/bin/pygrub; do
  command -v "$t" >/dev/null 2>&1 || need+=("$t")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "bench/compare.sh needs: ${need[*]}" >&2
  echo "  (Debian: apt-get install e2fsprogs fdisk python3 bc xen-utils-4.17)" >&2
  exit 1
fi
[ "$jgrub" != bin/jgrub ] || [ -f target/jgrub.jar ] || { echo "run scripts/build.sh first" >&2; exit 1; }
pygrub=/usr/lib/xen-4.17/bin/pygrub
work=bench/work
mkdir -p "$work/out"

# make_image NAME KERNEL_MIB INITRD_MIB [fragmented]
make_image() {
  local name=$1 kmib=$2 imib=$3 frag=${4:-}
  local img="$work/$name.img"
  [ -f "$img" ] && return
  local tree="$work/tree-$name"
  rm -rf "$tree"
  python3 fixtures/boot-tree.py "$tree" --small --kernels 6.1.0-13-amd64,6.1.0-12-amd64 >/dev/null
  cp src/test/resources/configs/grub2/debian12-mkconfig.cfg "$tree/boot/grub/grub.cfg"
  head -c "$((kmib << 20))" /dev/urandom > "$tree/boot/vmlinuz-6.1.0-13-amd64"
  local size=$(( kmib + imib * 2 + 64 ))
  truncate -s "${size}M" "$img"
  printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$img"
  if [ -z "$frag" ]; then
    head -c "$((imib << 20))" /dev/urandom > "$tree/boot/initrd.img-6.1.0-13-amd64"
    mke2fs -q -F -t ext4 -E offset=1048576,root_owner=0:0 -d "$tree" "$img" "$(( (size - 1) * 1024 ))k"
  else
    rm -f "$tree/boot/initrd.img-6.1.0-13-amd64"
    mke2fs -q -F -t ext4 -E offset=1048576,root_owner=0:0 -d "$tree" "$img" "$(( (size - 1) * 1024 ))k"
    local mnt; mnt=$(mktemp -d)
    mount -o loop,offset=1048576 "$img" "$mnt"
    # Fill the filesystem with 16 KiB files, delete every other one, then write the initrd: the
    # only free space is 16 KiB holes, so it ends up in thousands of extents. (Interleaving
    # writes of two files does not do it: ext4 preallocates per inode, giving ~35 extents.)
    python3 - "$mnt" "$mnt/boot/initrd.img-6.1.0-13-amd64" "$imib" <<'PY'
import errno, os, sys
d, target, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.mkdir(os.path.join(d, "fill"))
piece = os.urandom(16 * 1024)
n = 0
while True:
    p = os.path.join(d, "fill", "%06d" % n)
    try:
        with open(p, "wb") as f:
            f.write(piece)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        if e.errno != errno.ENOSPC:
            raise
        os.unlink(p)
        break
    n += 1
for i in range(0, n, 2):
    os.unlink(os.path.join(d, "fill", "%06d" % i))
os.sync()
with open(target, "wb") as f:
    for i in range(mib * 64):
        f.write(os.urandom(16 * 1024))
PY
    filefrag "$mnt/boot/initrd.img-6.1.0-13-amd64" >&2 || true
    umount "$mnt"; rmdir "$mnt"
  fi
  rm -rf "$tree"
}

for c in ${CASES:-debian-60 debian-250 debian-frag}; do
  case ${c%%:*} in
    debian-60) make_image debian-60 10 60 ;;
    debian-250) make_image debian-250 10 250 ;;
    debian-frag) make_image debian-frag 10 60 fragmented ;;
  esac
done

measure() { # LABEL CMD... ; appends "wall cpu rss" to $work/LABEL.times
  local label=$1; shift
  rm -f "$work"/out/boot_*
  python3 bench/measure.py "$work/$label.times" "$@" || exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-26s %9s %9s %9s %9s %9s %9s %7s %7s\n' case "jgrub s" "pygrub s" "jgrub cpu" "py cpu" "jgrub MB" "py MB" "wall x" "cpu x"
for case in ${CASES:-debian-60:-q debian-250:-q debian-frag:-q debian-60:-l}; do
  img="$work/${case%%:*}.img"; opt=${case##*:}
  rm -f "$work"/j.times "$work"/p.times
  export PYGRUB_MAX_FILE_SIZE_MB=1024
  for i in $(seq "$runs"); do
    measure j "$jgrub" "$opt" --output-directory="$work/out" "$img"
    measure p "$pygrub" "$opt" --output-directory="$work/out" "$img"
  done
  jw=$(cut -d' ' -f1 "$work/j.times" | median); pw=$(cut -d' ' -f1 "$work/p.times" | median)
  jc=$(cut -d' ' -f2 "$work/j.times" | median); pc=$(cut -d' ' -f2 "$work/p.times" | median)
  jm=$(cut -d' ' -f3 "$work/j.times" | median); pm=$(cut -d' ' -f3 "$work/p.times" | median)
  printf '%-26s %9.4f %9.4f %9.4f %9.4f %9.0f %9.0f %7.2f %7.2f\n' "${case%%:*} ${opt}" "$jw" "$pw" "$jc" "$pc" \
    "$(echo "$jm / 1024" | bc -l)" "$(echo "$pm / 1024" | bc -l)" "$(echo "$jw / $pw" | bc -l)" "$(echo "$jc / $pc" | bc -l)"
done
rm -f "$work"/out/boot_* "$work"/*.times.err
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); jgrub: $jgrub ($("$jgrub" --version 2>/dev/null | tail -1 || java -version 2>&1 | head -1)); pygrub: xen-utils-4.17"
