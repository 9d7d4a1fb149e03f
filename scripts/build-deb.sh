#!/bin/sh
# Builds the Debian package from WORK/root, where `make deb` ran `make install PREFIX=/usr` (zsh
# completion in Debian's vendor-completions): compresses the man page, adds the docs, computes Depends
# with dpkg-shlibdeps from the binary's own ELF dependencies (what ldd lists), and packs a native
# package (version = VERSION; changelog.gz generated from it and the commit). Then lintian, if installed.
# Usage: build-deb.sh WORK VERSION ARCH OUTPUT.deb
set -eu
work=$(readlink -f "$1") version=$2 arch=$3 output=$4
here=$(cd "$(dirname "$0")/.." && pwd)
root=$work/root
mkdir -p "$root/DEBIAN"
gzip -9n "$root/usr/share/man/man1/privx-roles.1"
install -D -m 0644 "$here/packaging/debian/copyright" "$root/usr/share/doc/privx-roles/copyright"
install -D -m 0644 "$here/packaging/debian/lintian-overrides" "$root/usr/share/lintian/overrides/privx-roles"

# A native package's changelog: this version, built from this commit, dated by the commit.
commit=$(git -C "$here" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
date=$(git -C "$here" log -1 --format=%aD 2>/dev/null || date -R)
maintainer=$(sed -n 's/^Maintainer: //p' "$here/packaging/debian/control.in")
cat > "$root/usr/share/doc/privx-roles/changelog" <<CHANGELOG
privx-roles ($version) unstable; urgency=medium

  * Release $version, built from commit $commit.

 -- $maintainer  $date
CHANGELOG
gzip -9n "$root/usr/share/doc/privx-roles/changelog"

# Depends: dpkg-shlibdeps maps each library the binary needs to its Debian package and minimum version.
mkdir -p "$work/src/debian"
printf 'Source: privx-roles\n\nPackage: privx-roles\nArchitecture: any\n' > "$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/privx-roles" | sed -n 's/^shlibs:Depends=//p')
if [ -z "$depends" ]; then
    echo "error: dpkg-shlibdeps found no dependencies for $root/usr/bin/privx-roles" >&2
    exit 1
fi
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@INSTALLED_SIZE@/$installed_size/" "$here/packaging/debian/control.in" > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -exec md5sum {} + | sort -k 2) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +

mkdir -p "$(dirname "$output")"
SOURCE_DATE_EPOCH=$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s) \
    dpkg-deb --root-owner-group -Zxz --build "$root" "$output"
echo "Depends: $depends"
if command -v lintian >/dev/null 2>&1; then
    echo "lintian $output:"
    lintian --display-info --fail-on error,warning "$output"
    echo "lintian: no errors or warnings"
else
    echo "lintian is not installed (apt-get install lintian); the package was not checked"
fi
