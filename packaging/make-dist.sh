#!/usr/bin/env bash
# Makes jgrub's packages from a build (target/jgrub.jar and target/lib, from `mvn package`):
#
#   target/dist/jgrub_VERSION_amd64.deb            Debian/Ubuntu: /usr/lib/jgrub, /usr/bin/jgrub
#   target/dist/jgrub-VERSION-linux-x86_64.tar.gz  any glibc x86_64 dom0: unpack anywhere, run bin/jgrub
#
# Both carry the same tree: bin/jgrub (the launcher, also as bin/pygrub), bin/make-archive,
# jgrub.jar and lib/, jgrub.classlist, and runtime/, a Java runtime made with jlink from the JDK
# whose jlink is on PATH (Debian's OpenJDK 17; JGRUB_JDK=DIR picks another). Why that runtime,
# why the archive is made where jgrub is installed and not here: docs/packaging.md.
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

# The runtime: jlink is slow (~10 s), so it is kept while the JDK and the module list are the same.
stamp="$jdk $(cat "$jdk/release" | tr '\n' ' ') $modules"
if [ ! -x "$work/runtime/bin/java" ] || [ "$(cat "$work/runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$work/runtime" "$work/runtime.stamp"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$work/runtime"
  rm -f "$work/runtime/bin/keytool" # java.base's tool; jgrub needs none
  chmod -R u+w,go-w,a+rX "$work/runtime" && find "$work/runtime/legal" -type f -exec chmod 0644 {} +
  # Symbol tables are for debuggers, as Debian's dh_strip does (~4 MB of libjvm.so's 24 MB).
  find "$work/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) |
    while read -r f; do
      if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then
        strip --remove-section=.comment --remove-section=.note --strip-unneeded "$f"
      fi
    done
  echo "$stamp" > "$work/runtime.stamp"
fi
# The newest glibc symbol version the runtime's binaries use: the .deb's libc6 dependency.
libc=$(find "$work/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec objdump -T {} + 2>/dev/null |
  grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
runtime_version="OpenJDK $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$work/runtime/release")"

if [ ! -f target/sample/debian12-guest.img ] || [ samples/debian12-guest.img.xz -nt target/sample/debian12-guest.img ]; then
  mkdir -p target/sample
  xz -dc samples/debian12-guest.img.xz > target/sample/debian12-guest.img
fi

# The tree both packages carry.
tree="$work/tree"
rm -rf "$tree"
mkdir -p "$tree/bin" "$tree/lib"
install -m 0755 bin/jgrub packaging/make-archive "$tree/bin/"
ln -s jgrub "$tree/bin/pygrub"
install -m 0644 target/jgrub.jar "$tree/"
install -m 0644 target/lib/*.jar "$tree/lib/"
cp -a "$work/runtime" "$tree/runtime"
# The class list: which JDK and jgrub classes a boot loads, recorded by org.jgrub.cli.Training
# on the sample guest with this runtime and bin/jgrub's flags. make-archive dumps the archive
# from it on the machine where jgrub is installed or unpacked.
"$tree/runtime/bin/java" -XX:DumpLoadedClassList="$tree/jgrub.classlist" -XX:TieredStopAtLevel=1 \
  -XX:CompileThresholdScaling=10 -XX:+UseG1GC -Xmx256m -Xmn16m -XX:-UsePerfData -Xss4m -Xlog:disable \
  -Xlog:all=off:stderr -cp "$top/$tree/jgrub.jar" org.jgrub.cli.Training target/sample/debian12-guest.img >/dev/null
chmod 0644 "$tree/jgrub.classlist"
# The same moment for every file: make-archive's archive records the jar's size and time, and
# the .deb and the tarball must not differ from each other.
find "$tree" -exec touch -h -d "@$(stat -c %Y target/jgrub.jar)" {} +

# The tarball: jgrub-VERSION/ with the tree, the man page, completion and the licence texts.
name="jgrub-$version"
rm -rf "$work/$name"
cp -a "$tree" "$work/$name"
mkdir -p "$work/$name/share/man/man1" "$work/$name/share/bash-completion/completions" "$work/$name/share/doc/jgrub"
install -m 0644 packaging/jgrub.1 "$work/$name/share/man/man1/jgrub.1"
install -m 0644 packaging/bash-completion/jgrub "$work/$name/share/bash-completion/completions/jgrub"
install -m 0644 LICENSE NOTICE README.md docs/schema/inspect-v1.json "$work/$name/share/doc/jgrub/"
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
install -m 0644 docs/schema/inspect-v1.json "$root/usr/share/doc/jgrub/inspect-v1.json"
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
echo "packaging/make-dist.sh: $deb and $tarball (runtime: jlink of $jdk, $runtime_version; installed size $((size / 1024)) MiB)"
