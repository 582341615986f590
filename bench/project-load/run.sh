#!/usr/bin/env bash
# Loading a project with a long history (default 100,000 events) after a restart of command-service, with and
# without its snapshot (local PostgreSQL).  Usage: bench/project-load/run.sh [events]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -Dtributary.cds.skip=true -pl command-service -am
./mvnw -q -B -pl command-service test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.command.ProjectLoadBench -Dexec.args="${1:-100000}" 2>&1 | grep -E "^project load"
