#!/usr/bin/env bash
# The web app's speed goals (issue 12) in headless Chromium: a 300-node, 400-link graph loads and is interactive in
# ≤ 2 s; a burst of 1,000 live job updates is applied without a frame slower than 1/30 s. Each figure is printed
# beside its raw reference, measured in the same run (bench.mjs says which).
# Usage: bench/frontend/run.sh        (env: PORT=18080 SKIP_BUILD= LOADS=5; TRIBUTARY_URL and TRIBUTARY_PASSWORD to
#        measure a platform that is already running instead of starting one)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18080}
lock() { if command -v flock >/dev/null; then flock /tmp/tributary-build.lock "$@"; else "$@"; fi; }
command -v chromium >/dev/null || { echo "bench/frontend: Debian's chromium is needed (apt-get install chromium)" >&2; exit 1; }
# the bench imports playwright-core from the web app's dependencies
ln -sfn ../../frontend/node_modules bench/frontend/node_modules
if [ -z "${TRIBUTARY_URL:-}" ]; then
    [ -n "${SKIP_BUILD:-}" ] || lock ./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl standalone -am
    data=$(mktemp -d)
    password="bench-$RANDOM-$RANDOM"
    ./tributary --data-dir="$data" --port="$PORT" --admin-password="$password" >"$data/platform.log" 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
        sleep 1
    done
    export TRIBUTARY_URL="http://127.0.0.1:$PORT" TRIBUTARY_PASSWORD="$password"
fi
echo "commit $(git rev-parse --short HEAD), $(date -u +%F), $(nproc) cores, $(chromium --version 2>/dev/null)"
node bench/frontend/bench.mjs
