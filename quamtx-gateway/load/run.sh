#!/usr/bin/env bash
# Load test of the gateway on loopback with wrk, bounded in time; not part of the default build.
#   quamtx-gateway/load/run.sh [seconds per phase, default 15] [connections, default 16]
# Phase 1: the baseline server answering getrandom bytes with no provenance.
# Phase 2: the same server over the real library: 32-byte conditioned draws, each with a durable,
# signed provenance record (fsync) before it is answered.
# Phase 3: one standard key flooded at far over its limit while a second key checks its own rate.
set -euo pipefail
secs=${1:-15}
conns=${2:-16}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

cd "$root"
mvn -q -pl quamtx-gateway -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="quamtx-gateway/target/test-classes:quamtx-gateway/target/classes:$(cat "$work/cp.txt")"

start() { # mode port
  java -Xms256m -Xmx512m -cp "$cp" io.quamtx.gateway.LoadServer "$1" "$2" "$work" \
    >"$work/$1.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 100); do [ -f "$work/ready-$1" ] && return 0; sleep 0.2; done
  echo "the $1 server did not start:"; cat "$work/$1.log"; exit 1
}

phase() { # label url key [delay_ms]
  echo "== $1 ($secs s, $conns connections${4:+, paced at $4 ms per connection})"
  QUAMTX_API_KEY="$3" QUAMTX_DELAY_MS="${4:-}" wrk -t2 -c"$conns" -d"${secs}s" --latency \
    -s "$root/quamtx-gateway/load/draw.lua" "$2/v1/entropy" | grep -E "p99_ms|Non-2xx"
}

measure() { # mode port label
  local url=http://127.0.0.1:$2 key
  key=$(cat "$work/key-$1-enterprise")
  # Warm the JIT before measuring.
  QUAMTX_API_KEY=$key wrk -t1 -c8 -d3s -s quamtx-gateway/load/draw.lua "$url/v1/entropy" >/dev/null
  phase "$3, as fast as it goes" "$url" "$key"
  # 25 connections each pausing 5 ms offer at most 5,000 requests/s.
  conns=25 phase "$3, offered 5,000/s" "$url" "$key" 5
}

start getrandom 18081
measure getrandom 18081 "baseline: getrandom bytes, no provenance"
kill "${pids[0]}"
start library 18082
measure library 18082 "gateway: 32-byte conditioned draws, durable signed records"

echo "== fairness: flooding standard key A while key B makes 60 requests"
QUAMTX_API_KEY=$(cat "$work/key-library-standard-a") wrk -t1 -c4 -d10s -s quamtx-gateway/load/draw.lua \
  http://127.0.0.1:18082/v1/entropy >"$work/flood.txt" &
flood=$!
sleep 1
ok=0
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:18082/v1/entropy \
    -H "Authorization: Bearer $(cat "$work/key-library-standard-b")" -H "Content-Type: application/json" \
    -d '{"bytes":32,"format":"hex","source_class":"conditioned"}')
  [ "$code" = 200 ] && ok=$((ok + 1))
done
wait "$flood"
grep -E "Requests/sec|Non-2xx" "$work/flood.txt"
echo "key B: $ok of 60 answered 200 while key A was flooded"
