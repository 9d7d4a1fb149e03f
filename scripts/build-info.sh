#!/bin/sh
# Writes BuildInfo.swift for the privx-roles target: the version from VERSION and the git commit.
# Called by the BuildInfo SwiftPM plugin before every build (`swift build`, `swift test`, `make ...`).
# Usage: build-info.sh PACKAGE_DIR OUTPUT_FILE
set -eu
package_dir=$1
output=$2

version=$(tr -d ' \t\r\n' < "$package_dir/VERSION")
case "$version" in
    [0-9]*) ;;
    *) echo "error: $package_dir/VERSION must hold a version starting with a digit (e.g. 0.1.0), found '$version'" >&2
       exit 1 ;;
esac
case "$version" in
    *[!0-9A-Za-z.+~]*)
       echo "error: $package_dir/VERSION may hold only letters, digits and . + ~ (a Debian upstream version), found '$version'" >&2
       exit 1 ;;
esac

# The commit, with "-dirty" when tracked files differ from it; "unknown" outside a git checkout.
commit=unknown
if command -v git >/dev/null 2>&1 && git -C "$package_dir" rev-parse --git-dir >/dev/null 2>&1; then
    commit=$(git -C "$package_dir" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
    if [ "$commit" != unknown ] && [ -n "$(git -C "$package_dir" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        commit="$commit-dirty"
    fi
fi

mkdir -p "$(dirname "$output")"
temporary="$output.tmp.$$"
cat > "$temporary" <<SWIFT
// Generated before every build by Plugins/BuildInfo (scripts/build-info.sh). Not in git; do not edit.

/// What this binary was built from: the project version (VERSION) and the git commit.
enum BuildInfo {
    static let version = "$version"
    static let commit = "$commit"
}
SWIFT
if cmp -s "$temporary" "$output" 2>/dev/null; then
    rm -f "$temporary"
else
    mv -f "$temporary" "$output"
fi
