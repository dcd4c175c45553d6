#!/usr/bin/env bash
# Makes the images the JMH benchmarks (bench/jmh.sh) read, with the real tools, under bench/work/
# (run as root: the fragmented file is written through a loop mount). Existing images are kept.
#
#   bench/work/jmh-frag.img    ext4, no partition table: /frag is 64 MiB written in 16 KiB pieces
#                              interleaved with a filler file (deleted afterwards), so it lies in
#                              ~4,000 extents and needs an extent tree deeper than the inode.
#   bench/work/jmh-bigdir.img  ext4 made by mke2fs -d from a tree whose /big holds 100,000 empty
#                              files f000000 .. f099999 (mke2fs -d writes a hashed, dir_index
#                              directory).
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/work
mkdir -p "$work"
for t in mke2fs mount umount python3; do
  command -v "$t" >/dev/null 2>&1 || { echo "bench/make-bench-images.sh needs $t" >&2; exit 1; }
done

if [ ! -f "$work/jmh-frag.img" ]; then
  img="$work/jmh-frag.img.tmp"
  rm -f "$img"
  mke2fs -q -F -t ext4 -b 4096 "$img" 200M
  mnt=$(mktemp -d)
  mount -o loop "$img" "$mnt"
  python3 - "$mnt/frag" "$mnt/filler" <<'PY'
import os, sys
a, b = sys.argv[1], sys.argv[2]
fa = os.open(a, os.O_WRONLY | os.O_CREAT, 0o644)
fb = os.open(b, os.O_WRONLY | os.O_CREAT, 0o644)
chunk = 16 * 1024
for i in range(64 * 1024 * 1024 // chunk):
    # fsync after each piece makes the allocator place the two files' pieces alternately.
    os.write(fa, os.urandom(chunk)); os.fsync(fa)
    os.write(fb, os.urandom(chunk)); os.fsync(fb)
os.close(fa); os.close(fb); os.unlink(b)
PY
  sync
  filefrag "$mnt/frag" 2>/dev/null || true
  sha256sum "$mnt/frag" | cut -d' ' -f1 > "$work/jmh-frag.sha256"
  umount "$mnt"; rmdir "$mnt"
  mv "$img" "$work/jmh-frag.img"
fi

if [ ! -f "$work/jmh-bigdir.img" ]; then
  tree="$work/tree-bigdir"
  rm -rf "$tree"
  mkdir -p "$tree/big"
  python3 - "$tree/big" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(100000):
    open(os.path.join(d, "f%06d" % i), "w").close()
PY
  mke2fs -q -F -t ext4 -b 4096 -N 120000 -d "$tree" "$work/jmh-bigdir.img.tmp" 256M
  rm -rf "$tree"
  mv "$work/jmh-bigdir.img.tmp" "$work/jmh-bigdir.img"
fi
ls -l "$work"/jmh-*.img
