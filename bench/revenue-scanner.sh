#!/usr/bin/env bash
# Revenue scanner: cold and cached analysis latency, page fetches, bulk throughput and LLM calls per analysis.
#   bench/revenue-scanner.sh [bulk-concurrency]      e.g. bench/revenue-scanner.sh 8   (default: 4, the configured default)
# One process (bench/RevenueScanner, Release): the embedded PostgreSQL of the test launcher, the 10 fixture company
# websites (CompanySitesServer, real HTTP on 127.0.0.1), the OpenAI chat stub, and the Host in-process (Alba/TestServer).
# Environment: COLD_ROUNDS (5), WARM_REPEATS (50), BULK_PROSPECTS (200), LLM_WARM_REPEATS (10).
# Exit code 1 when a check (zero fetches / zero LLM calls when cached, 3 LLM calls cold) failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"   # the bench points the Host's content root at src/Host
dotnet build -c Release "$root/bench/RevenueScanner" -v q -nologo >/dev/null
dotnet "$root/bench/RevenueScanner/bin/Release/net10.0/RevenueScanner.dll" \
  --cold-rounds "${COLD_ROUNDS:-5}" --warm-repeats "${WARM_REPEATS:-50}" --bulk-prospects "${BULK_PROSPECTS:-200}" \
  --bulk-concurrency "${1:-4}" --llm-warm-repeats "${LLM_WARM_REPEATS:-10}"
