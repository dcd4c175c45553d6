#!/usr/bin/env bash
# A host boots many guests at once after a restart: N concurrent `-q` copies of the 60 MiB
# Debian-like image (bench/compare.sh's debian-60, made by it) by jgrub, then by pygrub, ROUNDS
# times alternately. Prints, per program, the median over rounds of: wall time until the last
# of the N finished, total CPU (user+system of all N), and the median and largest max RSS of one run.
#
#   bench/concurrent.sh [N] [ROUNDS] [LAUNCHER]     (default 20 runs, 3 rounds, bin/jgrub)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
rounds=${2:-3}
jgrub=${3:-bin/jgrub}
img=bench/work/debian-60.img
pygrub=/usr/lib/xen-4.17/bin/pygrub
[ -f "$img" ] || { echo "run CASES=debian-60:-q bench/compare.sh 1 first ($img is missing)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$n" "$rounds" "$out" "$img" "$jgrub" "$pygrub" <<'PY'
import os, statistics, subprocess, sys, time
n, rounds, out, img, jgrub, pygrub = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
env = dict(os.environ, PYGRUB_MAX_FILE_SIZE_MB="1024")
res = {jgrub: [], pygrub: []}
for r in range(rounds):
    for prog in (jgrub, pygrub):
        for f in os.listdir(out):
            os.unlink(os.path.join(out, f))
        t = time.perf_counter()
        procs = [subprocess.Popen([prog, "-q", "--output-directory=" + out, img], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=env) for _ in range(n)]
        cpu, rss = 0.0, []
        pending = {p.pid: p for p in procs}
        while pending:
            pid, status, ru = os.wait4(-1, 0)
            if pid not in pending:
                continue
            p = pending.pop(pid)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit("%s failed: %s" % (prog, p.stderr.read().decode(errors="replace")))
            cpu += ru.ru_utime + ru.ru_stime
            rss.append(ru.ru_maxrss / 1024)
        wall = time.perf_counter() - t
        res[prog].append((wall, cpu, statistics.median(rss), max(rss)))
print("%-32s %9s %9s %12s %12s" % ("program (%d concurrent -q)" % n, "wall s", "cpu s", "RSS med MB", "RSS max MB"))
for prog, rows in res.items():
    print("%-32s %9.2f %9.2f %12.1f %12.1f" % (prog, statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
          statistics.median(r[2] for r in rows), statistics.median(r[3] for r in rows)))
print("rounds: %d; %d cores; load average %s" % (rounds, os.cpu_count(), open("/proc/loadavg").read().split()[:3]))
PY
