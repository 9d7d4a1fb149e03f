#!/usr/bin/env bash
# Wall time, peak memory and request overlap of reading every role (default 10k): the client's default
# pages in flight, the former default of 4, and one at a time. LATENCY_MS=50 adds that much to every
# role-list request (the simulator's --fault-latency), as a far-away server would.
# Release build; the simulator runs as its own process so its memory is not counted.
# Usage: bench/load-roles.sh [ROLES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROLES="${1:-10000}"
RUNS="${2:-5}"
# The flags of `make release` (the installed binary), so this shares one build with `make bench`.
FLAGS=(-c release --static-swift-stdlib --disable-local-rpath)
swift build "${FLAGS[@]}" --product privx-roles >/dev/null
BIN=.build/release
# The server under test can be overridden (e.g. SIM_BIN=.build/debug/privx-rolestore-sim) to save a build.
if [ -z "${SIM_BIN:-}" ]; then
  swift build "${FLAGS[@]}" --product privx-rolestore-sim >/dev/null
  SIM_BIN="$BIN/privx-rolestore-sim"
fi
OUT=$(mktemp)
"$SIM_BIN" --port 0 --seed "$ROLES" --log /dev/null \
  --fault-path /role-store/api/v1/roles --fault-latency "${LATENCY_MS:-0}" >"$OUT" 2>/dev/null &
SIM=$!
trap 'kill "$SIM" 2>/dev/null || true; rm -f "$OUT"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$OUT" && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$OUT" | head -1)
[ -n "$URL" ] || { echo "simulator did not start" >&2; exit 1; }
export PRIVX_API_BASE_URL="$URL"
export PRIVX_API_CLIENT_ID="5c1e6d0a-7a51-4f3c-9d0e-000000000b02"    # demo viewer
export PRIVX_API_CLIENT_SECRET="sim-viewer-secret-8Tp3"
export PRIVX_API_OAUTH_CLIENT_SECRET="sim-oauth-secret-7Qm2"
echo "simulator: $SIM_BIN at $URL with $ROLES roles, +${LATENCY_MS:-0} ms per role list; $RUNS runs each (after one warm-up)"
"$BIN/privx-roles" bench-load >/dev/null
for c in default 4 1; do
  flag=()
  [ "$c" = default ] || flag=(--concurrency "$c")
  for _ in $(seq 1 "$RUNS"); do "$BIN/privx-roles" bench-load "${flag[@]}"; done
done
