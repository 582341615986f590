#!/usr/bin/env bash
# The projection proxy killed by SIGKILL while four writers commit out of order; a consumer counts lost, duplicated
# and out-of-order events per aggregate (against the local PostgreSQL and RabbitMQ, as the tests find them).
# Usage: bench/proxy-crash/run.sh [events] [kills]     (default 100000 events, 10 kills)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B install -DskipTests -pl projection-proxy -am
./mvnw -q -B -pl projection-proxy test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.proxy.publish.ProxyCrash -Dexec.args="${1:-100000} ${2:-10}" 2>&1 \
    | grep -E "^proxy crash"
