#!/usr/bin/env bash
# Ingest benchmark: wrk -t2 -c50 posting unique, validly signed Standard Webhooks deliveries (pre-built in
# wrk's init() from a data file generated just before each run) to `talentwatch serve`, against the bare
# libmicrohttpd handler measured the same way in the same run. Runs alternate; medians are reported.
# Usage: Benchmarks/ingest.sh [runs=3] [duration_seconds=8] [deliveries_per_run=500000]
# With STAGES=1, each run also measures two stages of the path without the database, through
# `bench-router-server --ingest verified|deferred|durable` (signature verification answered at once; the
# same with the answer sent from another thread, i.e. suspend/resume; the same answered after a group
# commit to a plain file with one fdatasync per batch), to show what each stage costs. With LOOP=1, each run
# also measures `bench-loop-server` (a design experiment: libmicrohttpd in external-polling mode driven by
# its own loop, committing to the same SQLite inbox inline, or pipelined on a committer thread).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
duration=${2:-8}
count=${3:-500000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

swift build -c release -Xswiftc -warnings-as-errors --product talentwatch >/dev/null
swift build -c release -Xswiftc -warnings-as-errors --product bench-bare-server >/dev/null
swift build -c release -Xswiftc -warnings-as-errors --product bench-router-server >/dev/null
swift build -c release -Xswiftc -warnings-as-errors --product bench-loop-server >/dev/null
bin=$(swift build -c release -Xswiftc -warnings-as-errors --show-bin-path)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_port() {
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2; return 1
}

run_wrk() { # port data-file label
  DELIVERIES="$2" THREADS=2 wrk -t2 -c50 -d"${duration}s" --latency -s Benchmarks/ingest.lua "http://127.0.0.1:$1" >"$work/$3.wrk"
}

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }

for run in $(seq 1 "$runs"); do
  # Baseline: the bare handler, same requests.
  port=$(free_port)
  "$bin/bench-bare-server" --port "$port" >/dev/null &
  bare=$!
  wait_port "$port"
  python3 Benchmarks/gen_deliveries.py "$count" "$work/d.tsv" "bare$run"
  run_wrk "$port" "$work/d.tsv" "bare$run"
  kill "$bare"; wait "$bare" 2>/dev/null || true
  echo "run $run bare: $(rps "$work/bare$run.wrk") req/s p50 $(pct "$work/bare$run.wrk" 50%) p99 $(pct "$work/bare$run.wrk" 99%)"

  if [ "${STAGES:-0}" = 1 ]; then
    for stage in verified deferred durable durable-parallel; do
      port=$(free_port)
      TMPDIR="$work" "$bin/bench-router-server" --port "$port" --ingest "$stage" >/dev/null &
      staged=$!
      wait_port "$port"
      python3 Benchmarks/gen_deliveries.py "$count" "$work/d.tsv" "$stage$run"
      run_wrk "$port" "$work/d.tsv" "$stage$run"
      kill "$staged"; wait "$staged" 2>/dev/null || true
      echo "run $run stage $stage: $(rps "$work/$stage$run.wrk") req/s p50 $(pct "$work/$stage$run.wrk" 50%) p99 $(pct "$work/$stage$run.wrk" 99%)"
      grep -E 'Non-2xx|Socket errors' "$work/$stage$run.wrk" || true
    done
  fi

  if [ "${LOOP:-0}" = 1 ]; then
    # The design experiment: own event loop per daemon, group commit into the real SQLite inbox.
    for pipelined in no yes; do
      port=$(free_port)
      rm -rf "$work/loopdb"; mkdir -p "$work/loopdb"
      "$bin/bench-loop-server" --port "$port" --db "$work/loopdb/tw.db" --pipelined "$pipelined" >/dev/null &
      looped=$!
      wait_port "$port"
      python3 Benchmarks/gen_deliveries.py "$count" "$work/d.tsv" "loop$pipelined$run"
      run_wrk "$port" "$work/d.tsv" "loop$pipelined$run"
      kill "$looped"; wait "$looped" 2>/dev/null || true
      stored=$(sqlite3 "$work/loopdb/tw.db" 'select count(*) from inbox')
      echo "run $run loop (pipelined $pipelined): $(python3 -c "print(round($stored / $duration))") accepted/s p50 $(pct "$work/loop$pipelined$run.wrk" 50%) p99 $(pct "$work/loop$pipelined$run.wrk" 99%)"
    done
  fi

  # talentwatch serve with a fresh database.
  port=$(free_port)
  rm -rf "$work/db"; mkdir -p "$work/db"
  cat >"$work/config.json" <<JSON
{"listen": "127.0.0.1:$port", "database": "$work/db/tw.db", "log_level": "error",
 "sources": [{"name": "bench", "scheme": "standard-webhooks", "format": "canonical",
              "secrets": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}]}
JSON
  "$bin/talentwatch" serve --config "$work/config.json" 2>"$work/serve.log" &
  tw=$!
  wait_port "$port"
  python3 Benchmarks/gen_deliveries.py "$count" "$work/d.tsv" "tw$run"
  run_wrk "$port" "$work/d.tsv" "tw$run"
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$tw/status")
  kill -TERM "$tw"; wait "$tw" 2>/dev/null || true
  stored=$(sqlite3 "$work/db/tw.db" 'select count(*) from inbox')
  accepted_rate=$(python3 -c "print(round($stored / $duration))")
  echo "run $run talentwatch: $(rps "$work/tw$run.wrk") req/s, $accepted_rate accepted/s ($stored stored) p50 $(pct "$work/tw$run.wrk" 50%) p99 $(pct "$work/tw$run.wrk" 99%) peak RSS $((rss_kb / 1024)) MB"
  grep -E 'Non-2xx|Socket errors' "$work/tw$run.wrk" || true
done
