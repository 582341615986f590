#!/usr/bin/env bash
# Package search with 100,000 packages at a node: query-service (on the e2e platform) against the local PostgreSQL.
# Usage: bench/search/run.sh [packages] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl e2e -am
./mvnw -q -B -pl e2e test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.e2e.SearchBench -Dexec.args="${1:-100000} ${2:-200}" 2>&1 \
    | grep -E "^search"
