#!/usr/bin/env bash
# Events appended through commands against raw single-row PostgreSQL commits, same run, same concurrency.
# Usage: bench/append/run.sh [clients=8] [seconds=20] [packages per bulk upload=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl e2e -am
./mvnw -q -B -pl e2e test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.e2e.AppendBench -Dexec.args="${1:-8} ${2:-20} ${3:-100}" 2>&1 | grep -E "^append"
