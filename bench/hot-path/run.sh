#!/usr/bin/env bash
# Package-to-dispatch benchmark: command-service, query-service and projection-proxy in one JVM against the local
# PostgreSQL and RabbitMQ (as the tests use them). Usage: bench/hot-path/run.sh [packages] [clients] [warm-up packages] [rate: packages/s, 0 = as fast as possible]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -pl e2e -am
./mvnw -q -B -pl e2e test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.e2e.HotPathBench -Dexec.args="${1:-2000} ${2:-8} ${3:-0} ${4:-0}" 2>&1 \
    | grep -E "^(hot path|throughput|package|JobDispatched|slowest)"
