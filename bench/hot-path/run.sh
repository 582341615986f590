#!/usr/bin/env bash
# Package-to-dispatch benchmark: command-service, query-service and projection-proxy in one JVM against the local
# PostgreSQL and RabbitMQ (as the tests use them).
# Usage: bench/hot-path/run.sh [packages] [clients] [warm-up packages] [rate: packages/s, 0 = as fast as possible]
# The JVM runs with the client compiler only, as ./tributary runs the platform on one machine (docs/decisions/0007);
# JIT=tiered measures it with the full tiered JIT (C1 and C2), as the Kubernetes images run each service.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -pl e2e -am
case "${JIT:-client}" in
    client) jit="-XX:TieredStopAtLevel=1" ;;
    tiered) jit="" ;;
    *) echo "JIT is client or tiered, not ${JIT}" >&2; exit 2 ;;
esac
MAVEN_OPTS="${MAVEN_OPTS:-} $jit" ./mvnw -q -B -pl e2e test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.e2e.HotPathBench -Dexec.args="${1:-2000} ${2:-8} ${3:-0} ${4:-0}" 2>&1 \
    | grep -E "^(hot path|JIT|throughput|cpu per|package|JobDispatched|slowest)"
