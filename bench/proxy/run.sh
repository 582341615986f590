#!/usr/bin/env bash
# projection-proxy's forwarding rate against raw confirmed publishes to RabbitMQ in the same run, and its publish
# lag at a steady append rate (local PostgreSQL and RabbitMQ, as the tests find them).
# Usage: bench/proxy/run.sh [events=200000] [rate=500 events/s] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl projection-proxy -am
./mvnw -q -B -pl projection-proxy test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.proxy.publish.ProxyThroughput -Dexec.args="${1:-200000} ${2:-500} ${3:-20}" 2>&1 \
    | grep -E "^proxy"
