#!/usr/bin/env bash
# Full cycle on the local backend: package → job → script → output package routed to a data node, with every
# service in one JVM against the local PostgreSQL and RabbitMQ (as the tests use them).
# Usage: [WARM_UP=packages] bench/full-cycle/run.sh [packages=300] [clients=4] [max running jobs=4] [executor arguments…]
#   WARM_UP: packages that go the whole way first, unmeasured (the steady state of a running platform)
#   e.g. bench/full-cycle/run.sh 300 4 4 --tributary.executor.local.in-process=false   (a JVM per job's runner)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl e2e -am
./mvnw -q -B -pl e2e test-compile exec:java -Dexec.classpathScope=test -Dbench.warmUp="${WARM_UP:-0}" \
    -Dexec.mainClass=org.tributary.e2e.FullCycleBench -Dexec.args="${*:-300 4 4}" 2>&1 \
    | grep -E "^(full cycle|throughput|package|cpu per)"
