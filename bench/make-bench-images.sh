#!/usr/bin/env bash
# Makes the images the JMH benchmarks (bench/jmh.sh) read, with the real tools, under bench/work/
# (run as root: the fragmented file is written through a loop mount). Existing images are kept.
#
#   bench/work/jmh-frag.img    ext4, no partition table: /frag is 64 MiB written into a
#                              filesystem whose free space is 16 KiB holes, so it lies in
#                              thousands of extents (an extent tree deeper than the inode).
#   bench/work/jmh-bigdir.img  ext4 whose /big holds 100,000 empty files f000000 .. f099999,
#                              created through a loop mount (a hashed, dir_index directory).
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
  # Fill the filesystem with 16 KiB files, delete every other one, then write /frag: the only
  # free space left is 16 KiB holes, so the allocator has to spread it over thousands of extents.
  # (Interleaving writes of two files does not do it: ext4 preallocates per inode.)
  python3 - "$mnt" <<'PY'
import errno, os, sys
d = sys.argv[1]
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
with open(os.path.join(d, "frag"), "wb") as f:
    for i in range(64 * 64):
        f.write(os.urandom(16 * 1024))
PY
  sync
  filefrag "$mnt/frag" 2>/dev/null || true
  sha256sum "$mnt/frag" | cut -d' ' -f1 > "$work/jmh-frag.sha256"
  umount "$mnt"; rmdir "$mnt"
  mv "$img" "$work/jmh-frag.img"
fi

if [ ! -f "$work/jmh-bigdir.img" ]; then
  # Through a loop mount, not mke2fs -d: e2fsprogs 1.47's mke2fs -d inserts each name by scanning
  # the directory, and 100,000 names took over half an hour. The kernel builds the same kind of
  # directory (hashed, dir_index) in seconds.
  img="$work/jmh-bigdir.img.tmp"
  rm -f "$img"
  mke2fs -q -F -t ext4 -b 4096 -N 120000 "$img" 256M
  mnt=$(mktemp -d)
  mount -o loop "$img" "$mnt"
  mkdir "$mnt/big"
  python3 - "$mnt/big" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(100000):
    open(os.path.join(d, "f%06d" % i), "w").close()
PY
  umount "$mnt"; rmdir "$mnt"
  mv "$img" "$work/jmh-bigdir.img"
fi
ls -l "$work"/jmh-*.img
