#!/usr/bin/env python3
"""Writes OUT: MiB bytes of real, compressible data (the first files of this machine's libraries,
in a stable order), for the benchmarks that copy a large initrd. Usage: compressible.py OUT MIB"""
import os
import sys

out, want = sys.argv[1], int(sys.argv[2]) << 20
n = 0
with open(out, "wb") as f:
    for root in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/jvm", "/usr/share"):
        for d, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                p = os.path.join(d, name)
                if os.path.islink(p) or not os.path.isfile(p):
                    continue
                with open(p, "rb") as src:
                    chunk = src.read(want - n)
                f.write(chunk)
                n += len(chunk)
                if n >= want:
                    sys.exit(0)
sys.exit("not enough files to make %d bytes" % want)
