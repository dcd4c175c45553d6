#!/usr/bin/env bash
# Makes samples/debian12-guest.img.xz: a 48 MiB disk with an MBR (sfdisk), one active Linux
# partition holding an ext4 filesystem (mke2fs -d) with a Debian 12 /boot: the grub.cfg that
# Debian 12's grub-mkconfig wrote for this layout (fixtures/make-grub2-configs.sh), the grubenv,
# two kernel/initrd pairs (stand-ins: every 512-byte sector names its file and number) and the
# usual symlinks. Needs e2fsprogs, fdisk (sfdisk), python3, xz.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../fixtures/boot-tree.py "$work/tree" --small --kernels 6.1.0-13-amd64,6.1.0-12-amd64
cp ../src/test/resources/configs/grub2/debian12-mkconfig.cfg "$work/tree/boot/grub/grub.cfg"
img="$work/debian12-guest.img"
truncate -s 48M "$img"
printf 'label: dos\nlabel-id: 0x4a677275\nstart=2048, type=83, bootable\n' | sfdisk -q "$img"
start=$((2048 * 512))
size_k=$(( (48 * 1024) - 1024 ))
mke2fs -q -F -t ext4 -L sample-boot -U 3f2b9c4e-5a61-4d1e-9b7a-2c8d0e6f1a47 \
  -E offset=$start,root_owner=0:0 -d "$work/tree" "$img" "${size_k}k"
xz -9e -T1 -c "$img" > debian12-guest.img.xz
ls -l debian12-guest.img.xz
