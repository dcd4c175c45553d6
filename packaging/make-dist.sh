#!/usr/bin/env bash
# Makes jgrub's packages from a build (target/jgrub.jar and target/lib, from `mvn package`):
#
#   target/dist/jgrub_VERSION_amd64.deb            Debian/Ubuntu: /usr/lib/jgrub, /usr/bin/jgrub
#   target/dist/jgrub-VERSION-linux-x86_64.tar.gz  any glibc x86_64 dom0: unpack anywhere, run bin/jgrub
#
# Both carry the same tree: bin/jgrub (the launcher, also as bin/pygrub), bin/make-archive,
# jgrub.jar and lib/, jgrub.classlist, and runtime/, a Java runtime made with jlink. The .deb's
# runtime comes from the JDK whose jlink is on PATH (Debian's OpenJDK 17; JGRUB_JDK=DIR picks
# another). The tarball's comes from a JDK built for an old glibc when there is one
# (JGRUB_TARBALL_JDK=DIR, else Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64: glibc 2.17, so
# XCP-ng 8's CentOS 7 dom0 runs it), else it is the .deb's. Why those runtimes, why the archive is
# made where jgrub is installed and not here: docs/packaging.md.
# Run by scripts/build.sh and, in `mvn verify`, before the packaging tests (pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd -P)
[ -f target/jgrub.jar ] || { echo "packaging/make-dist.sh: target/jgrub.jar is missing; run mvn package first" >&2; exit 1; }
version=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)
case $version in
  *[!0-9.]* | "") echo "packaging/make-dist.sh: version '$version' is not a release (digits and dots; pom.xml)" >&2; exit 1 ;;
esac
if [ -n "${JGRUB_JDK:-}" ]; then
  jdk=$JGRUB_JDK
else
  jlink=$(command -v jlink) || { echo "packaging/make-dist.sh: no jlink on PATH (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
  jdk=$(dirname "$(dirname "$(readlink -f "$jlink")")")
fi
# jdeps finds java.base and jdk.unsupported (aircompressor's Unsafe); jdk.charsets is what it
# cannot see: FAT short names are code page 437 (Charset.forName("IBM437"), fs/fat).
modules=java.base,jdk.unsupported,jdk.charsets
work=target/dist-work
dist=target/dist
mkdir -p "$work" "$dist"
tarball_jdk=${JGRUB_TARBALL_JDK:-}
if [ -z "$tarball_jdk" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink ]; then
  tarball_jdk=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "$tarball_jdk" ] && [ ! -x "$tarball_jdk/bin/jlink" ]; then
  echo "packaging/make-dist.sh: JGRUB_TARBALL_JDK=$tarball_jdk has no bin/jlink" >&2; exit 1
fi

# runtime JDK DIR [JLINK-OPTION...]: a jlink image of $modules from JDK in DIR. jlink is slow
# (~10 s), so DIR is kept while the JDK, the module list and the options are the same.
runtime() {
  local stamp jdk=$1 out=$2
  shift 2
  stamp="$jdk $(tr '\n' ' ' < "$jdk/release") $modules unsafe=allow${*:+ $*}"
  [ -x "$out/bin/java" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "$stamp" ] && return 0
  rm -rf "$out" "$out.stamp"
  # From Java 24 the first use of sun.misc.Unsafe's memory access (aircompressor's zstd and lz4)
  # prints a deprecation warning on stderr, into the toolstack's log on every compressed guest:
  # the runtime is told to allow it (an option Java 17 does not know, so not in bin/jgrub).
  local opts=
  [ "$(major "$jdk")" -ge 24 ] && opts=--add-options=--sun-misc-unsafe-memory-access=allow
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages $opts "$@" --output "$out"
  rm -f "$out/bin/keytool" # java.base's tool; jgrub needs none
  chmod -R u+w,go-w,a+rX "$out" && find "$out/legal" -type f -exec chmod 0644 {} +
  # Symbol tables are for debuggers, as Debian's dh_strip does (~4 MB of libjvm.so's 24 MB).
  elf_files "$out" | while read -r f; do
    strip --remove-section=.comment --remove-section=.note --strip-unneeded "$f"
  done
  echo "$stamp" > "$out.stamp"
}
# major JDK: its feature release (17, 25).
major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}
# elf_files DIR: every ELF file under DIR (executables, libraries, jspawnhelper).
elf_files() {
  find "$1" -type f | while read -r f; do
    if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then echo "$f"; fi
  done
}
# glibc DIR: the newest glibc symbol version the ELF files under DIR use, the oldest glibc that
# runs them (the .deb's libc6 dependency; the tarball's floor).
glibc() {
  elf_files "$1" | xargs objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}
# describe JDK: "OpenJDK 17.0.15" or "Temurin 25.0.3", for the .deb's description and the log.
describe() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$1/release")
  if grep -q '^IMPLEMENTOR="Eclipse Adoptium"' "$1/release"; then echo "Temurin $v"; else echo "OpenJDK $v"; fi
}

runtime "$jdk" "$work/runtime"
libc=$(glibc "$work/runtime")
runtime_version=$(describe "$jdk")
if [ -n "$tarball_jdk" ] && [ "$(readlink -f "$tarball_jdk")" != "$(readlink -f "$jdk")" ]; then
  # The image's classes compressed (zip-6): 27 -> 13 MB on Temurin 25, and no slower to start,
  # since a boot takes all but a few of them from the archive (docs/packaging.md).
  compress= # zip-6 is Java 21's name of the option
  [ "$(major "$tarball_jdk")" -ge 21 ] && compress=--compress=zip-6
  runtime "$tarball_jdk" "$work/runtime-tarball" $compress
  tarball_runtime="$work/runtime-tarball"
else
  tarball_jdk=$jdk
  tarball_runtime="$work/runtime"
fi
tarball_libc=$(glibc "$tarball_runtime")
echo "$tarball_libc" > "$work/tarball-glibc"

if [ ! -f target/sample/debian12-guest.img ] || [ samples/debian12-guest.img.xz -nt target/sample/debian12-guest.img ]; then
  mkdir -p target/sample
  xz -dc samples/debian12-guest.img.xz > target/sample/debian12-guest.img
fi

# tree RUNTIME DIR: the tree a package carries, with RUNTIME as its runtime/.
tree() {
  rm -rf "$2"
  mkdir -p "$2/bin" "$2/lib"
  install -m 0755 bin/jgrub packaging/make-archive "$2/bin/"
  ln -s jgrub "$2/bin/pygrub"
  install -m 0644 target/jgrub.jar "$2/"
  install -m 0644 target/lib/*.jar "$2/lib/"
  cp -a "$1" "$2/runtime"
  # The class list: which JDK and jgrub classes a boot loads, recorded by org.jgrub.cli.Training
  # on the sample guest with this very runtime (another Java loads other JDK classes) and
  # bin/jgrub's flags. make-archive dumps the archive from it on the machine where jgrub is
  # installed or unpacked.
  "$2/runtime/bin/java" -XX:DumpLoadedClassList="$2/jgrub.classlist" -XX:TieredStopAtLevel=1 \
    -XX:CompileThresholdScaling=10 -XX:+UseG1GC -Xmx256m -Xmn16m -XX:-UsePerfData -Xss4m -Xlog:disable \
    -Xlog:all=off:stderr -cp "$top/$2/jgrub.jar" org.jgrub.cli.Training target/sample/debian12-guest.img >/dev/null
  chmod 0644 "$2/jgrub.classlist"
  # The same moment for every file: make-archive's archive records the jar's size and time, and
  # the .deb and the tarball must not differ from each other.
  find "$2" -exec touch -h -d "@$(stat -c %Y target/jgrub.jar)" {} +
}
tree="$work/tree"
tree "$work/runtime" "$tree"
if [ "$tarball_runtime" = "$work/runtime" ]; then
  tarball_tree=$tree
else
  tarball_tree="$work/tree-tarball"
  tree "$tarball_runtime" "$tarball_tree"
fi

# The tarball: jgrub-VERSION/ with the tree, the man page, completion and the licence texts.
name="jgrub-$version"
rm -rf "$work/$name"
cp -a "$tarball_tree" "$work/$name"
mkdir -p "$work/$name/share/man/man1" "$work/$name/share/bash-completion/completions" "$work/$name/share/doc/jgrub"
install -m 0644 packaging/jgrub.1 "$work/$name/share/man/man1/jgrub.1"
install -m 0644 packaging/bash-completion/jgrub "$work/$name/share/bash-completion/completions/jgrub"
install -m 0644 LICENSE NOTICE README.md docs/schema/inspect-v2.json docs/schema/list-v1.json "$work/$name/share/doc/jgrub/"
tarball="$dist/jgrub-$version-linux-x86_64.tar.gz"
tar -C "$work" --owner=0 --group=0 --numeric-owner --sort=name -cf - "$name" | gzip -9n > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"

# The .deb, built with dpkg-deb alone (no source package: jgrub is built by Maven).
root="$work/deb"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/man/man1" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/doc/jgrub" "$root/usr/share/lintian/overrides"
cp -a "$tree" "$root/usr/lib/jgrub"
ln -s ../lib/jgrub/bin/jgrub "$root/usr/bin/jgrub"
gzip -9n < packaging/jgrub.1 > "$root/usr/share/man/man1/jgrub.1.gz"
install -m 0644 packaging/bash-completion/jgrub "$root/usr/share/bash-completion/completions/jgrub"
install -m 0644 packaging/debian/copyright "$root/usr/share/doc/jgrub/copyright"
install -m 0644 NOTICE "$root/usr/share/doc/jgrub/NOTICE"
install -m 0644 docs/schema/inspect-v2.json "$root/usr/share/doc/jgrub/inspect-v2.json"
install -m 0644 docs/schema/list-v1.json "$root/usr/share/doc/jgrub/list-v1.json"
gzip -9n < packaging/debian/changelog > "$root/usr/share/doc/jgrub/changelog.gz"
install -m 0644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/jgrub"
for f in postinst prerm postrm; do install -m 0755 "packaging/debian/$f" "$root/DEBIAN/$f"; done
install -m 0644 packaging/debian/triggers "$root/DEBIAN/triggers"
size=$(du -sk --apparent-size "$root/usr" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@RUNTIME@/$runtime_version/" -e "s/@LIBC@/$libc/" \
  packaging/debian/control > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"
find "$root" -type d -exec chmod 0755 {} +
deb="$dist/jgrub_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb.tmp" >/dev/null
mv "$deb.tmp" "$deb"
echo "packaging/make-dist.sh: $deb (runtime: jlink of $jdk, $runtime_version, glibc $libc; installed size $((size / 1024)) MiB)"
echo "packaging/make-dist.sh: $tarball (runtime: jlink of $tarball_jdk, $(describe "$tarball_jdk"), glibc $tarball_libc; unpacked $(du -sm --apparent-size "$work/$name" | cut -f1) MiB)"
if [ "$tarball_runtime" = "$work/runtime" ]; then
  echo "packaging/make-dist.sh: the tarball needs glibc $tarball_libc or newer (no JDK for an older glibc: JGRUB_TARBALL_JDK=DIR, e.g. Temurin)"
fi
