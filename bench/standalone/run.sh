#!/usr/bin/env bash
# Standalone start benchmark: builds once, then starts the standalone platform (./tributary, as the README says)
# RUNS times on a fresh data folder each (a first start: initdb, migrations, executor registration) and RUNS times
# on one kept folder (a restart, the everyday case). For each start: seconds from the start command to the first healthy
# answer (the gateway's /actuator/health is UP only when command-service, query-service, projection-proxy and the
# executor all answer UP), then memory after IDLE seconds of idling (RSS of the JVM alone, and PSS of the JVM with its child
# processes and embedded PostgreSQL), then SIGTERM (what Ctrl-C does) and the seconds until the JVM is gone. Prints the medians.
# Usage: bench/standalone/run.sh            (env: RUNS=5 IDLE=5 PORT=18080 SKIP_BUILD=; TRIBUTARY_* for real servers)
#   START="java -jar standalone/target/tributary/tributary.jar"   the unpacked jar without the CDS archive
#   START="java -XX:TieredStopAtLevel=1 -jar standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar"   the one-file jar
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
IDLE=${IDLE:-5}
PORT=${PORT:-18080}
START=${START:-./tributary}

lock() { if command -v flock >/dev/null; then flock /tmp/tributary-build.lock "$@"; else "$@"; fi; }
[ -n "${SKIP_BUILD:-}" ] || lock ./mvnw -q -B install -DskipTests -pl standalone -am
echo "start command: $START"

now() { date +%s.%N; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# proportional set size: PostgreSQL's backends share their buffers, which RSS would count once per process
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
tree_rss_kb() {   # PSS of $1 = the JVM, $2 = its data folder: the JVM, its children, and the processes started with the
                  # folder on their command line (embedded PostgreSQL detaches from the JVM) with their children
  local total=0 p pids
  pids=$( { echo "$1"; pgrep -P "$1"; for p in $(pgrep -f -- "$2"); do echo "$p"; pgrep -P "$p"; done; } | sort -u)
  for p in $pids; do total=$((total + $(pss_kb "$p"))); done
  echo "$total"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

one_start() {   # $1 = data folder; prints "start_s jvm_rss_mb total_rss_mb stop_s orphans"
  local dir=$1 log t0 pid healthy=""
  log=$(mktemp)
  t0=$(now)
  # shellcheck disable=SC2086
  $START --data-dir="$dir" --port="$PORT" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '^{"status":"UP"'; then
      healthy=$(now); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$healthy" ]; then
    echo "the platform did not become healthy; its output:" >&2; cat "$log" >&2; kill -TERM "$pid" 2>/dev/null; wait "$pid" || true
    exit 1
  fi
  sleep "$IDLE"
  local jvm total t1 t2 orphans
  jvm=$(rss_kb "$pid"); total=$(tree_rss_kb "$pid" "$dir")
  # SIGTERM, the same shutdown as Ctrl-C: a script's background job ignores SIGINT
  t1=$(now); kill -TERM "$pid"; wait "$pid" || true; t2=$(now)
  orphans=$(pgrep -f -- "$dir" | wc -l || true)
  awk -v a="$t0" -v b="$healthy" -v j="$jvm" -v t="$total" -v c="$t1" -v d="$t2" -v o="$orphans" \
      'BEGIN {printf "%.2f %.0f %.0f %.2f %d\n", b-a, j/1024, t/1024, d-c, o}'
  rm -f "$log"
}

report() {   # $1 = title, stdin = lines of one_start
  local rows; rows=$(cat)
  echo "$1"
  echo "$rows" | awk '{printf "  run %d: start %5.2f s  idle RSS %4d MiB (JVM) %4d MiB (PSS with PostgreSQL)  stop %4.2f s  orphans %d\n", NR, $1, $2, $3, $4, $5}'
  printf "  median: start %s s, idle RSS %s MiB (JVM), %s MiB (PSS with PostgreSQL), stop %s s\n" \
    "$(echo "$rows" | cut -d' ' -f1 | median)" "$(echo "$rows" | cut -d' ' -f2 | median)" \
    "$(echo "$rows" | cut -d' ' -f3 | median)" "$(echo "$rows" | cut -d' ' -f4 | median)"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$RUNS"); do one_start "$work/fresh-$i"; done | report "first start (fresh data folder each time), $RUNS runs:"
kept="$work/kept"
one_start "$kept" >/dev/null   # makes the folder
for i in $(seq 1 "$RUNS"); do one_start "$kept"; done | report "restart (the same data folder), $RUNS runs:"
