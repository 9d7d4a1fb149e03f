#!/usr/bin/env bash
# The bare-Debian test (issue 14): a minimal Debian 12 made by debootstrap in .build/debian-root, the
# .deb installed there by the README's own install commands (apt-get resolves the libraries from
# Debian), then in that chroot, with no Swift anywhere in it:
#   privx-roles --version and --help; headless `status` and `roles list` against a simulator on the
#   host's loopback (HTTPS, its CA copied in, credentials in the environment); `privx-roles --demo` in
#   tmux until the roles screen shows and `q` ends it with status 0; the bash completion loads;
#   `apt-get purge` removes every file; `make install` / `make uninstall` into the same root.
# The pristine debootstrap is kept in .build/debian-base and copied for each run (same machine only).
# Needs root (debootstrap, chroot, mount). Usage: package-test.sh PACKAGE.deb PATH/TO/privx-rolestore-sim
set -euo pipefail

deb=$(readlink -f "$1")
sim=$(readlink -f "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
suite=bookworm
base=$here/.build/debian-base
root=$here/.build/debian-root
work=$here/.build/package-test
started=$(date +%s)

say() { printf 'package-test: %s\n' "$*"; }
fail() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root for debootstrap, chroot and mount; run: sudo make package-test"
[ -f "$deb" ] || fail "no package at $1; run make deb"
[ -x "$sim" ] || fail "no simulator at $2; run swift build --product privx-rolestore-sim"
if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap || fail "could not install debootstrap"
fi

# The Debian mirror this host uses (Debian's registry may be the only one reachable); DEBIAN_MIRROR wins.
mirror_of_host() {
    local uri
    uri=$(awk '/^URIs:/ {uri=$2} /^Suites:/ && / '"$suite"'( |$)/ {print uri; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 == "'"$suite"'" {print $2; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
    echo "${uri:-http://deb.debian.org/debian}"
}
mirror=${DEBIAN_MIRROR:-$(mirror_of_host)}

# Everything mounted below $root, deepest first.
mounts_below() { findmnt -rn -o TARGET | grep -E "^$1(/|$)" | sort -r || true; }
unmount_all() {
    local target
    for target in $(mounts_below "$root"); do
        umount "$target" 2>/dev/null || umount -l "$target" || true
    done
}
sim_pid=
cleanup() {
    local status=$?
    if [ -d "$root/proc" ]; then
        chroot "$root" tmux -L privx kill-server >/dev/null 2>&1 || true
    fi
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    unmount_all
    [ -z "$(mounts_below "$root")" ] || echo "package-test: could not unmount: $(mounts_below "$root")" >&2
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A fresh root from the cached base: never delete through a mount left by an interrupted run.
unmount_all
[ -z "$(mounts_below "$root")" ] || fail "$root still has mounts: $(mounts_below "$root")"
rm -rf --one-file-system "$root" "$work"
mkdir -p "$work"
if [ ! -f "$base/.privx-debootstrap-complete" ]; then
    say "debootstrap --variant=minbase $suite from $mirror (cached in $base for the next run)"
    rm -rf --one-file-system "$base"
    debootstrap_started=$(date +%s)
    debootstrap --variant=minbase "$suite" "$base" "$mirror" > "$work/debootstrap.log" 2>&1 ||
        { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed (log: $work/debootstrap.log)"; }
    touch "$base/.privx-debootstrap-complete"
    say "debootstrap took $(( $(date +%s) - debootstrap_started )) s"
fi
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root TERM=xterm-256color LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

for tool in swift swiftc; do
    ! in_root sh -c "command -v $tool" >/dev/null || fail "the bare Debian has $tool; it must not"
done

# 1. The README's install commands, as written (the block after <!-- package-test: install-deb -->), in the
#    folder that holds the .deb.
install_block=$(awk '/<!-- package-test: install-deb -->/ {found=1; next}
    found && /^```/ { if (inside) exit; inside=1; next } inside {print}' "$here/README.md")
[ -n "$install_block" ] || fail "README.md has no install block after <!-- package-test: install-deb -->"
mkdir -p "$root/root/download"
cp "$deb" "$root/root/download/"
say "README install steps:"; sed 's/^/    /' <<< "$install_block"
in_root sh -ec "cd /root/download; $install_block" > "$work/install.log" 2>&1 ||
    { tail -30 "$work/install.log" >&2; fail "the README's install steps failed (log: $work/install.log)"; }
version_file=$(tr -d ' \t\r\n' < "$here/VERSION")
grep -q "privx-roles $version_file (commit " "$work/install.log" ||
    fail "the README's install steps did not print the version $version_file: $(tail -3 "$work/install.log")"
for package in libncursesw6 libtinfo6; do
    in_root dpkg-query -W -f='${Status}' "$package" | grep -q "install ok installed" || fail "$package was not installed"
done

# 2. --version and --help.
version=$(in_root privx-roles --version)
commit=$(git -C "$here" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
[[ "$version" =~ ^privx-roles\ $version_file\ \(commit\ $commit(-dirty)?\)$ ]] ||
    fail "--version printed '$version', expected privx-roles $version_file (commit $commit)"
say "--version: $version"
help=$(in_root privx-roles --help)
for expected in "USAGE: privx-roles" "SUBCOMMANDS:" "status" "roles"; do
    grep -qF "$expected" <<< "$help" || fail "--help lacks '$expected'"
done
in_root sh -c 'test -s /usr/share/man/man1/privx-roles.1.gz' || fail "no man page"
in_root bash -c 'source /usr/share/bash-completion/completions/privx-roles && complete -p privx-roles' > /dev/null ||
    fail "the bash completion does not load"

# 3. Headless commands against the simulator on the host's loopback (the chroot shares the network).
"$sim" --port 0 --tls --ca-out "$work/ca.pem" --seed small --log "$work/sim.log" > "$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 1 300); do
    grep -q "^listening on " "$work/sim.out" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || fail "the simulator ended: $(cat "$work/sim.out")"
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/sim.out" | head -1)
[ -n "$url" ] || fail "the simulator did not start within 30 s"
cp "$work/ca.pem" "$root/root/privx-ca.pem"
# The demo admin client (README, "Demo credentials"); through the environment, never on a command line.
headless() {
    PRIVX_API_BASE_URL=$url PRIVX_API_CA_CERT_FILE=/root/privx-ca.pem \
    PRIVX_API_CLIENT_ID=5c1e6d0a-7a51-4f3c-9d0e-000000000a01 PRIVX_API_CLIENT_SECRET=sim-admin-secret-4Hk9 \
    PRIVX_API_OAUTH_CLIENT_ID=privx-external PRIVX_API_OAUTH_CLIENT_SECRET=sim-oauth-secret-7Qm2 \
    chroot "$root" /usr/bin/env -u LANG -u LC_ALL PATH=/usr/bin:/bin HOME=/root privx-roles "$@"
}
status_output=$(headless status 2>&1) || fail "status failed: $status_output"
grep -qE "^status +ok$" <<< "$status_output" || fail "status did not say ok: $status_output"
grep -qE "^server +$url$" <<< "$status_output" || fail "status did not name $url: $status_output"
say "status: $(grep -E '^(status|version) ' <<< "$status_output" | tr -s ' ' | paste -sd ';')"
roles=$(headless roles list --filter admin 2> "$work/roles.err") || fail "roles list failed: $(cat "$work/roles.err")"
grep -qE "^privx-admin \(system\) " <<< "$roles" || fail "roles list lacks privx-admin: $roles"
grep -qE "^[0-9]+ role\(s\)$" "$work/roles.err" || fail "roles list printed no count: $(cat "$work/roles.err")"
say "roles list --filter admin: $(cat "$work/roles.err")"
# A host without the system CA store (no ca-certificates): the given CA alone must be trusted.
mv "$root/etc/ssl/certs" "$root/etc/ssl/certs.hidden"
bare_rc=0; bare_status=$(headless status 2>&1) || bare_rc=$?
no_ca_rc=0; no_ca=$(PRIVX_API_BASE_URL=$url PRIVX_API_CLIENT_ID=5c1e6d0a-7a51-4f3c-9d0e-000000000a01 PRIVX_API_CLIENT_SECRET=sim-admin-secret-4Hk9 \
    PRIVX_API_OAUTH_CLIENT_ID=privx-external PRIVX_API_OAUTH_CLIENT_SECRET=sim-oauth-secret-7Qm2 \
    chroot "$root" /usr/bin/env -u LANG -u LC_ALL PATH=/usr/bin:/bin HOME=/root privx-roles status 2>&1) || no_ca_rc=$?
mv "$root/etc/ssl/certs.hidden" "$root/etc/ssl/certs"
[ "$bare_rc" = 0 ] && grep -qE "^status +ok$" <<< "$bare_status" || fail "status without /etc/ssl/certs failed: $bare_status"
[ "$no_ca_rc" = 2 ] && grep -q "install ca-certificates" <<< "$no_ca" || fail "status without a CA store or CA did not say so (exit $no_ca_rc): $no_ca"
say "status without /etc/ssl/certs: with the CA given ok; without it exit 2, says to install ca-certificates"

# 4. The console in tmux (tmux from Debian, installed here) until the roles screen shows; q quits.
in_root apt-get install -y -qq tmux > "$work/tmux-install.log" 2>&1 ||
    fail "apt-get install tmux failed: $(tail -5 "$work/tmux-install.log")"
in_root tmux -L privx -f /dev/null new-session -d -s app -x 100 -y 30 \
    "LANG=C.UTF-8 privx-roles --demo 2>/root/demo.err; echo privx-exit=\$?; sleep 120"
screen=
for _ in $(seq 1 600); do
    screen=$(in_root tmux -L privx capture-pane -p -t app 2>/dev/null || true)
    grep -q "Roles (60 of 60)" <<< "$screen" && break
    sleep 0.1
done
grep -q "Roles (60 of 60)" <<< "$screen" || fail "the roles screen did not show within 60 s:
$screen
stderr: $(cat "$root/root/demo.err" 2>/dev/null)"
grep -q "│" <<< "$screen" || fail "no box-drawing characters on the roles screen (locale/terminfo):
$screen"
say "console: roles screen shown ($(grep -o 'Roles (60 of 60)' <<< "$screen"))"
in_root tmux -L privx send-keys -t app q
for _ in $(seq 1 300); do
    screen=$(in_root tmux -L privx capture-pane -p -t app 2>/dev/null || true)
    grep -q "privx-exit=" <<< "$screen" && break
    sleep 0.1
done
grep -q "privx-exit=0" <<< "$screen" || fail "q did not end the console with status 0:
$screen
stderr: $(cat "$root/root/demo.err" 2>/dev/null)"
in_root tmux -L privx kill-server >/dev/null 2>&1 || true

# 5. apt-get purge leaves none of the package's files; `make install` and `make uninstall` into this root.
files=$(in_root dpkg -L privx-roles | while read -r path; do [ -f "$root$path" ] && echo "$path"; done || true)
in_root apt-get purge -y -qq privx-roles > "$work/purge.log" 2>&1 || fail "apt-get purge failed: $(tail -5 "$work/purge.log")"
for path in $files; do [ ! -e "$root$path" ] || fail "apt-get purge left $path"; done
make -s -C "$here" install DESTDIR="$root" PREFIX=/usr/local > "$work/make-install.log" 2>&1 ||
    fail "make install failed: $(tail -5 "$work/make-install.log")"
installed=$(in_root /usr/local/bin/privx-roles --version) || fail "privx-roles from make install does not run"
[ "$installed" = "$version" ] || fail "make install put another version there: $installed"
in_root bash -c 'source /usr/local/share/bash-completion/completions/privx-roles && complete -p privx-roles' > /dev/null ||
    fail "the bash completion from make install does not load"
make -s -C "$here" uninstall DESTDIR="$root" PREFIX=/usr/local > /dev/null
left=$(find "$root/usr/local" -type f -name '*privx-roles*')
[ -z "$left" ] || fail "make uninstall left: $left"

say "passed in $(( $(date +%s) - started )) s (debian root: $root)"
