#!/usr/bin/env bash
# Runs `npm test` several times in a row while every core is kept busy, to
# check that no test depends on timing (they wait for events and conditions).
#   bash scripts/test-under-load.sh [runs=5]
#   LOAD_WORKERS=2 LOAD_MAX_SECONDS=7200 bash scripts/test-under-load.sh 5
# The busy loops are bounded in time and stopped when the script exits.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p test-results
runs=${1:-5}
workers=${LOAD_WORKERS:-$(nproc)}
max_seconds=${LOAD_MAX_SECONDS:-7200}

pids=()
stop_load() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_load EXIT
for _ in $(seq "$workers"); do
  timeout "$max_seconds" bash -c 'while :; do :; done' &
  pids+=($!)
done
echo "test-under-load: $workers busy loop(s) running; $runs run(s) of npm test"

for run in $(seq "$runs"); do
  started=$(date +%s)
  if npm test > "test-results/under-load-$run.log" 2>&1; then
    echo "test-under-load: run $run of $runs passed in $(( $(date +%s) - started )) s"
  else
    echo "test-under-load: run $run of $runs FAILED after $(( $(date +%s) - started )) s; see test-results/under-load-$run.log" >&2
    exit 1
  fi
done
echo "test-under-load: all $runs runs passed"
