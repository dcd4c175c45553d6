#!/usr/bin/env bash
# The 60 MiB initrd copy through each disk image format: one ext4 image (mke2fs -d, whole disk)
# holding /boot/initrd.img, 60 MiB of real binaries (the first files under
# /usr/lib/x86_64-linux-gnu, /usr/lib/jvm and /usr/share, compressible about 2.5:1 like an
# uncompressed initramfs), converted by qemu-img to qcow2, compressed qcow2 (zlib and zstd), VHD
# (dynamic) and VMDK (streamOptimized), and written into a linear LVM2 logical volume (metadata by
# pvcreate/vgcreate/lvcreate --driverloaded n on a loop device, the filesystem written at the
# extents lvs reports, as fixtures/make-lvm.sh does: needs root and lvm2); each copied with
# `bin/jgrub -q --kernel=/boot/initrd.img`,
# the copy checked against the original, median wall and CPU over RUNS runs (alternating).
#
#   bench/images.sh [RUNS]        (default 7)
#
# Needs mke2fs, qemu-img, python3 and scripts/build.sh run first; installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
for t in mke2fs qemu-img python3; do
  command -v "$t" >/dev/null 2>&1 || { echo "bench/images.sh needs $t" >&2; exit 1; }
done
[ -f target/jgrub.jar ] || { echo "run scripts/build.sh first" >&2; exit 1; }
work=bench/work/images
mkdir -p "$work/out" "$work/tree/boot"
data="$work/tree/boot/initrd.img"
if [ ! -f "$data" ]; then
  python3 bench/compressible.py "$data" 60
fi
raw="$work/disk.raw"
[ -f "$raw" ] || mke2fs -q -F -t ext4 -d "$work/tree" "$raw" 100M
[ -f "$work/disk.qcow2" ] || qemu-img convert -f raw -O qcow2 "$raw" "$work/disk.qcow2"
[ -f "$work/disk-zlib.qcow2" ] || qemu-img convert -f raw -O qcow2 -c "$raw" "$work/disk-zlib.qcow2"
[ -f "$work/disk-zstd.qcow2" ] || qemu-img convert -f raw -O qcow2 -c -o compression_type=zstd "$raw" "$work/disk-zstd.qcow2"
[ -f "$work/disk.vhd" ] || qemu-img convert -f raw -O vpc "$raw" "$work/disk.vhd"
[ -f "$work/disk-stream.vmdk" ] || qemu-img convert -f raw -O vmdk -o subformat=streamOptimized "$raw" "$work/disk-stream.vmdk"
if [ ! -f "$work/disk-lvm.img" ]; then
  # One PV (the whole disk), one VG with 4 MiB extents, one 100 MiB LV holding the same ext4.
  truncate -s 112M "$work/lvm.tmp"
  loop=$(losetup -f --show "$work/lvm.tmp")
  export LVM_SUPPRESS_FD_WARNINGS=1
  lvmc() {
    local cmd=$1; shift
    "$cmd" --config "devices { filter=[\"a|^$loop\$|\",\"r|.*|\"] obtain_device_list_from_udev=0 }
      backup { backup=0 archive=0 }" "$@"
  }
  lvmc pvcreate -q "$loop"
  lvmc vgcreate -q -s 4M benchvg "$loop"
  lvmc lvcreate -q --driverloaded n --activate n --zero n -L 100M -n boot benchvg
  pe_start=$(lvmc pvs --noheadings --units b --nosuffix -o pe_start "$loop" | tr -d ' ')
  read -r range < <(lvmc lvs --noheadings -o seg_pe_ranges benchvg/boot)
  range=${range##*:}; first=${range%-*}
  losetup -d "$loop"
  [ $(( pe_start % (1 << 20) )) -eq 0 ] || { echo "pe_start $pe_start is not MiB-aligned" >&2; exit 1; }
  dd if="$raw" of="$work/lvm.tmp" bs=1M seek=$(( pe_start / (1 << 20) + first * 4 )) \
    conv=notrunc status=none
  mv "$work/lvm.tmp" "$work/disk-lvm.img"
fi
want=$(sha256sum < "$data" | cut -d' ' -f1)
imgs="disk.raw disk-lvm.img disk.qcow2 disk-zlib.qcow2 disk-zstd.qcow2 disk.vhd disk-stream.vmdk"
for i in $imgs; do rm -f "$work/$i.times" "$work/$i.times.err"; done
for r in $(seq "$runs"); do
  for i in $imgs; do
    rm -f "$work"/out/*
    python3 bench/measure.py "$work/$i.times" bin/jgrub -q --kernel=/boot/initrd.img \
      --output-directory="$work/out" "$work/$i"
    got=$(sha256sum < "$(ls "$work"/out/boot_kernel.*)" | cut -d' ' -f1)
    [ "$got" = "$want" ] || { echo "$i: the copy differs from the original" >&2; exit 1; }
  done
done
printf '%-18s %10s %8s %8s %8s\n' image "file MiB" wall_s cpu_s MB/s
for i in $imgs; do
  python3 - "$work/$i.times" "$(stat -c %s "$work/$i")" "$i" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] for r in rows)
print("%-18s %10.1f %8.3f %8.3f %8.0f" % (sys.argv[3], int(sys.argv[2]) / 2**20, wall, cpu, 60 * 2**20 / 1e6 / wall))
PY
done
