#!/usr/bin/env bash
# Cold start-to-ready of the Host with its embedded PostgreSQL, and the cost of the first request.
#   bench/coldstart.sh [runs] [extra env assignments...]
# "fresh": empty data folder (initdb + schema creation); "warm": the cluster and schema exist already.
# Time is measured from process start to the first 200 from /health/ready, polled every 20 ms.
set -euo pipefail
runs=${1:-5}; shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release "$root/src/Host" -v q -nologo >/dev/null
dll="$root/src/Host/bin/Release/net10.0/Monolith.Host.dll"
now_ms() { date +%s%3N; }
port=5199
data=$(mktemp -d /tmp/monolith-bench-XXXX); chmod 755 "$data"

measure() { # $1 = label
  local start ready first second pid
  start=$(now_ms)
  env "$@" EmbeddedPostgres__DataDirectory="$data/pg" CritterStack__DurabilityMode=${MODE:-Balanced} Access__Mode=Development \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.02; done
  ready=$(now_ms)
  first=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H 'content-type: application/json' \
    -d '{"url":"https://bench.example","country":"DE"}' "http://127.0.0.1:$port/api/supplier-analyses")
  second=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H 'content-type: application/json' \
    -d '{"url":"https://bench2.example","country":"DE"}' "http://127.0.0.1:$port/api/supplier-analyses")
  kill -TERM $pid; wait $pid || true
  printf '%s\t%d\t%.0f\t%.0f\n' "$LABEL" $((ready - start)) "$(echo "$first*1000" | bc)" "$(echo "$second*1000" | bc)"
}

printf 'run\tstart_to_ready_ms\tfirst_post_ms\tsecond_post_ms\n'
LABEL=fresh measure "$@"
for _ in $(seq 1 "$runs"); do LABEL=warm measure "$@"; done
rm -rf "$data"
