#!/usr/bin/env bash
# Rebuilding query-service's read model from a long history (default 1,000,000 events) in the local PostgreSQL.
# Usage: bench/replay/run.sh [events]   (REPLAY_MODE=live: the live processor fills an empty read model instead)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl query-service -am
./mvnw -q -B -pl query-service test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.query.ReplayBench -Dexec.args="${1:-1000000}" 2>&1 | grep -E "^replay"
