#!/bin/sh
# Fails unless BINARY needs only the system's C libraries (glibc, libstdc++, libgcc_s, zlib, ncursesw,
# tinfo): a release build must run on a host without the Swift toolchain. Prints ldd's answer.
# Usage: check-ldd.sh BINARY
set -eu
binary=$1
output=$(ldd "$binary") || { echo "error: ldd could not read $binary" >&2; exit 1; }
echo "ldd $binary:"
echo "$output" | sed 's/^/  /'

status=0
if echo "$output" | grep -q "not found"; then
    echo "error: $binary needs a library this host does not have (see 'not found' above)" >&2
    status=1
fi
# Each line's library name (the first word), checked against the allowed ones.
for library in $(echo "$output" | awk '{print $1}'); do
    case "$(basename "$library")" in
        linux-vdso.so.*|ld-linux-*.so.*|libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*) ;;
        libstdc++.so.*|libgcc_s.so.*|libz.so.*|libncursesw.so.*|libtinfo.so.*) ;;
        *) echo "error: $binary needs $library, which is not a system C library; link it statically (swift build --static-swift-stdlib) or drop the dependency" >&2
           status=1 ;;
    esac
done
if echo "$output" | grep -q "/opt/swift\|/usr/lib/swift\|swift/linux"; then
    echo "error: $binary loads a library from the Swift toolchain" >&2
    status=1
fi
exit $status
