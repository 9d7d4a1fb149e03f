#!/usr/bin/env bash
# Wall time and peak memory of reading every role (default 10k) with page concurrency 4 versus 1.
# Release build; the simulator runs as its own process so its memory is not counted.
# Usage: bench/load-roles.sh [ROLES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROLES="${1:-10000}"
RUNS="${2:-5}"
swift build -c release --product privx-roles >/dev/null
swift build -c release --product privx-rolestore-sim >/dev/null
BIN=.build/release
OUT=$(mktemp)
"$BIN/privx-rolestore-sim" --port 0 --seed "$ROLES" --log /dev/null >"$OUT" 2>/dev/null &
SIM=$!
trap 'kill "$SIM" 2>/dev/null || true; rm -f "$OUT"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$OUT" && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$OUT" | head -1)
[ -n "$URL" ] || { echo "simulator did not start" >&2; exit 1; }
export PRIVX_API_BASE_URL="$URL"
export PRIVX_API_CLIENT_ID="5c1e6d0a-7a51-4f3c-9d0e-000000000b02"    # demo viewer
export PRIVX_API_CLIENT_SECRET="sim-viewer-secret-8Tp3"
export PRIVX_API_OAUTH_CLIENT_SECRET="sim-oauth-secret-7Qm2"
echo "simulator: $URL with $ROLES roles; $RUNS runs each (after one warm-up)"
for c in 4 1; do
  "$BIN/privx-roles" bench-load --concurrency "$c" >/dev/null
  for _ in $(seq 1 "$RUNS"); do "$BIN/privx-roles" bench-load --concurrency "$c"; done
done
