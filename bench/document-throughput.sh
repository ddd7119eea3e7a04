#!/usr/bin/env bash
# Document throughput and upload-to-decision latency of the Host with its embedded PostgreSQL (loopback only).
#   bench/document-throughput.sh [concurrency...]      e.g. bench/document-throughput.sh 4 8 16
# For each Documents:ProcessingConcurrency value (default: the configured default, 8): a fresh Host (Release) with
# an empty embedded PostgreSQL in a temp folder, durability Solo, JSON console logs at Warning; then
# bench/DocumentThroughput uploads DOCS unique one-page PDF invoices with UPLOADERS concurrent uploaders, polls until
# all are finished, and runs a paced open-loop phase at LATENCY_FRACTION of the measured rate for LATENCY_SECONDS.
# Environment: DOCS (2000), UPLOADERS (16), LATENCY_SECONDS (60), LATENCY_FRACTION (0.5), PORT (5198), HOST_ENV
# (extra "Key=value" assignments for the Host, space-separated).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5198}
concurrencies=("$@"); [ ${#concurrencies[@]} -eq 0 ] && concurrencies=(default)
dotnet build -c Release "$root/src/Host" -v q -nologo >/dev/null
dotnet build -c Release "$root/bench/DocumentThroughput" -v q -nologo >/dev/null
dll="$root/src/Host/bin/Release/net10.0/Monolith.Host.dll"
bench="$root/bench/DocumentThroughput/bin/Release/net10.0/DocumentThroughput.dll"

data=""; pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  [ -n "$data" ] && rm -rf "$data"
  pid=""; data=""
}
trap cleanup EXIT INT TERM

rows=()
for concurrency in "${concurrencies[@]}"; do
  data=$(mktemp -d /tmp/monolith-throughput-XXXX); chmod 755 "$data"
  extra=(); [ "$concurrency" != default ] && extra+=("Documents__ProcessingConcurrency=$concurrency")
  # shellcheck disable=SC2086
  env ${HOST_ENV:-} "${extra[@]}" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production ConnectionStrings__Postgres= \
    EmbeddedPostgres__DataDirectory="$data/pg" CritterStack__DurabilityMode=Solo \
    Access__Mode=Development Access__RateLimit__RequestsPerMinute=0 \
    Observability__ConsoleLogFormat=json Logging__LogLevel__Default=Warning \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >"$data/host.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    kill -0 "$pid" 2>/dev/null || { echo "Host exited before it was ready:"; tail -30 "$data/host.log"; exit 1; }
    sleep 0.1
  done
  label="ProcessingConcurrency=${concurrency/default/8 (default)}"
  dotnet "$bench" --base-url "http://127.0.0.1:$port" --host-pid "$pid" --label "$label" \
    --documents "${DOCS:-2000}" --uploaders "${UPLOADERS:-16}" \
    --latency-seconds "${LATENCY_SECONDS:-60}" --latency-fraction "${LATENCY_FRACTION:-0.5}" | tee "$data/bench.out" || true
  rows+=("$(grep '^| ProcessingConcurrency' "$data/bench.out" || true)")
  warnings=$(grep -c '"LogLevel":"Warning"\|"LogLevel":"Error"' "$data/host.log" || true)
  echo "host log: $warnings warning/error lines"; grep -m3 '"LogLevel":"Warning"\|"LogLevel":"Error"' "$data/host.log" | cut -c1-400 || true
  cleanup
done

echo
echo "| setting | documents | uploads/s | upload p50 / p95 (ms) | documents/min (first upload → last decision) | Decided / NeedsReview / Failed | CPU host / postgres / client / other (%) | paced rate (docs/min) | decision latency p50 / p95 / p99 (ms) | client wall p50 / p95 / p99 (ms) | CPU paced host / postgres / other (%) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
