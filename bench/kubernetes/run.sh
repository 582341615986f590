#!/usr/bin/env bash
# Job → Kubernetes Job created, through the executor's Kubernetes backend against Fabric8's mock API server, at a
# paced rate, beside the same run's raw create rate of the client alone. Usage: bench/kubernetes/run.sh [jobs] [per s]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B install -DskipTests -pl executor -am
./mvnw -q -B -pl executor test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.tributary.executor.backend.kubernetes.KubernetesBench -Dexec.args="${1:-2000} ${2:-100}" \
    2>&1 | grep -E "^kubernetes"
