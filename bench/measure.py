#!/usr/bin/env python3
"""Runs one command and prints its wall time (s), CPU time (user+system, s) and max RSS (KiB).

Usage: measure.py OUTFILE CMD [ARG...]   (appends "wall cpu maxrss_kib" to OUTFILE)

Unlike GNU time's %e (10 ms steps), the wall time has microsecond resolution, and the resource
usage is the command's own (os.wait4), not that of every child so far. stdout goes to /dev/null,
stderr is kept in OUTFILE.err; a nonzero exit status is an error.
"""
import os, subprocess, sys, time

out, cmd = sys.argv[1], sys.argv[2:]
with open(out + ".err", "wb") as err:
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.stderr.write("%s exited with %d:\n" % (" ".join(cmd), code))
    sys.stderr.write(open(out + ".err", errors="replace").read())
    sys.exit(1)
with open(out, "a") as f:
    f.write("%.4f %.4f %d\n" % (wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss))
