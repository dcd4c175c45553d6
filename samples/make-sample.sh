#!/usr/bin/env bash
# Makes samples/debian12-guest.img.xz: a 48 MiB disk with an MBR (sfdisk), one active Linux
# partition holding an ext4 filesystem (mke2fs -d) with a Debian-like /boot: grub.cfg with a
# submenu, two kernel/initrd pairs, symlinks. Needs e2fsprogs, fdisk (sfdisk), python3, xz.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../fixtures/boot-tree.py "$work/tree" --small
img="$work/debian12-guest.img"
truncate -s 48M "$img"
printf 'label: dos\nlabel-id: 0x4a677275\nstart=2048, type=83, bootable\n' | sfdisk -q "$img"
start=$((2048 * 512))
size_k=$(( (48 * 1024) - 1024 ))
mke2fs -q -F -t ext4 -L sample-boot -U 0b7a2f1e-6d1c-4c55-9a64-5f3c0e9d2a11 \
  -E offset=$start,root_owner=0:0 -d "$work/tree" "$img" "${size_k}k"
xz -9e -T1 -c "$img" > debian12-guest.img.xz
ls -l debian12-guest.img.xz
