#!/usr/bin/env bash
# Installs what building and testing jgrub needs on a Debian 12 machine (run as root).
# - the real pygrub (xen-utils-4.17), for the differential tests;
# - util-linux (setpriv, unshare, prlimit) for the sandbox;
# - tmux, for the menu's tests on a real pty; python3 runs pygrub's own parsers in tests;
# - python3-fusepy, for a FUSE disk whose reads never return (the deadline test);
# - for the packages (packaging/make-dist.sh): the JDK's jlink, binutils (strip, objdump), and
#   lintian, which the packaging tests run on the .deb.
set -euo pipefail
need=()
for pkg in xen-utils-4.17 python3 python3-fusepy util-linux tmux maven openjdk-17-jdk-headless binutils lintian xz-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${need[*]} (install them as root)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
