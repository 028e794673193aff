#!/usr/bin/env bash
# GET /healthz through HTTPServer's Router + Server versus a bare libmicrohttpd handler.
# Builds both release executables, starts each on a free loopback port, runs
# `wrk -t2 -c50 -d10s --latency` against /healthz three times each, alternating bare/router,
# and prints the median requests/s, p50 and p99 latency of each plus the ratio router/bare.
# It also reports each server's CPU time per request (user+system from /proc, over the wrk run), which
# other processes competing for the cores disturb far less than requests/s.
# Overrides for quick checks: RUNS (3), DURATION (10s), CONNECTIONS (50), THREADS (2).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"

command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 1; }
swift build -c release --product bench-bare-server >&2
swift build -c release --product bench-router-server >&2
BIN="$(swift build -c release --show-bin-path)"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# start NAME: launches $BIN/NAME on an ephemeral port; sets PORT and PID once it prints `listening <port>`.
start() {
  local name="$1" out="$WORK/$1.out"
  "$BIN/$name" --port 0 >"$out" 2>"$WORK/$1.err" &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 100); do
    PORT="$(awk '/^listening /{print $2; exit}' "$out")"
    [ -n "$PORT" ] && return 0
    sleep 0.05
  done
  echo "$name did not start: $(cat "$WORK/$1.err")" >&2
  exit 1
}

# to_ms VALUE: converts wrk's latency (e.g. 512.00us, 1.10ms, 2.00s) to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000
    printf "%.3f", n }'
}

# cpu_ticks PID: user+system clock ticks the process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS_PER_SECOND="$(getconf CLK_TCK)"

# median: the middle of the numbers on stdin.
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

start bench-bare-server; BARE_PORT="$PORT"; BARE_PID="$PID"
start bench-router-server; ROUTER_PORT="$PORT"; ROUTER_PID="$PID"
for name in bare router; do
  port_var="${name^^}_PORT"
  curl -fsS "http://127.0.0.1:${!port_var}/healthz" >/dev/null || { echo "$name: /healthz failed" >&2; exit 1; }
done

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency http://127.0.0.1:<port>/healthz, $RUNS runs each, alternating"
for run in $(seq 1 "$RUNS"); do
  for name in bare router; do
    port_var="${name^^}_PORT"
    pid_var="${name^^}_PID"
    ticks_before="$(cpu_ticks "${!pid_var}")"
    result="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:${!port_var}/healthz")"
    rps="$(awk '/^Requests\/sec:/{print $2}' <<<"$result")"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$result")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$result")")"
    ticks="$(( $(cpu_ticks "${!pid_var}") - ticks_before ))"
    requests="$(awk '/requests in/ { print $1 }' <<<"$result")"
    cpu_us="$(awk -v t="$ticks" -v hz="$TICKS_PER_SECOND" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')"
    errors="$(awk '/Non-2xx|Socket errors/' <<<"$result")"
    echo "$rps" >>"$WORK/$name.rps"; echo "$p50" >>"$WORK/$name.p50"; echo "$p99" >>"$WORK/$name.p99"
    echo "$cpu_us" >>"$WORK/$name.cpu"
    printf 'run %d %-6s %10.0f req/s  p50 %7.3f ms  p99 %7.3f ms  server CPU %6.2f us/req %s\n' \
      "$run" "$name" "$rps" "$p50" "$p99" "$cpu_us" "$errors"
  done
done

echo
printf '%-7s %14s %10s %10s %14s %9s\n' server "median req/s" "p50 ms" "p99 ms" "CPU us/req" "RSS MiB"
for name in bare router; do
  pid_var="${name^^}_PID"
  rss_kib="$(awk '/^VmRSS:/{print $2}' "/proc/${!pid_var}/status")"
  printf '%-7s %14.0f %10.3f %10.3f %14.2f %9.1f\n' "$name" \
    "$(median <"$WORK/$name.rps")" "$(median <"$WORK/$name.p50")" "$(median <"$WORK/$name.p99")" \
    "$(median <"$WORK/$name.cpu")" \
    "$(awk -v k="$rss_kib" 'BEGIN { print k / 1024 }')"
done
awk -v r="$(median <"$WORK/router.rps")" -v b="$(median <"$WORK/bare.rps")" \
  'BEGIN { printf "ratio router/bare (median req/s): %.3f\n", r / b }'
awk -v r="$(median <"$WORK/router.cpu")" -v b="$(median <"$WORK/bare.cpu")" \
  'BEGIN { printf "ratio bare/router (median server CPU per request): %.3f\n", b / r }'
