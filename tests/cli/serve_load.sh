#!/usr/bin/env bash
# `nsmlab serve` under wrk: 64 connections (NSMLAB_SERVE_LOAD_CONNECTIONS) for
# NSMLAB_SERVE_LOAD_SECONDS (default 3; 30 for the full test in docs/BENCHMARKS.md). Every request
# is answered with a 200 (no socket error, no timeout, no other status), none is lost (the server
# answered at least as many as wrk counted), and memory stays flat (resident memory after the
# run against after a warm-up run of the same length). No timing is asserted.
# NSMLAB_SERVE_LOAD_ARGS: extra `nsmlab serve` options (e.g. --batch-tokens 1: no batching).
source "$(dirname "$0")/lib.bash" "$@"
source "$ROOT/tests/serve/server.bash"
seconds=${NSMLAB_SERVE_LOAD_SECONDS:-3}
connections=${NSMLAB_SERVE_LOAD_CONNECTIONS:-64}
command -v wrk >/dev/null || fail "wrk is not installed (tools/install-deps.sh installs it)"
start_server "$ROOT/tests/fixtures/models/bert-v5-prompt" ${NSMLAB_SERVE_LOAD_ARGS:-}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER/status"; }
run_wrk() {  # prints the WRK_SUMMARY JSON; a dead server fails the test
  wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --timeout 60s --latency -s "$ROOT/tests/serve/embed.lua" "$BASE" > "$TMP/wrk.out"
  kill -0 "$SERVER" || fail "the server died under load"
  sed -n 's/^WRK_SUMMARY //p' "$TMP/wrk.out"
}
answered() { curl -sf "$BASE/metrics" | awk '$1 == "nsmlab_requests_total{endpoint=\"/embed\",code=\"200\"}" {print $2}'; }
check_run() {  # summary-json answered-before answered-after
  python3 - "$@" <<'PY' || { cat "$TMP/wrk.out" >&2; fail "requests failed or lost under load"; }
import json, sys
s, before, after = json.loads(sys.argv[1]), int(sys.argv[2] or 0), int(sys.argv[3])
errors = {k: s[k] for k in ('connect', 'read', 'write', 'status', 'timeout') if s[k]}
assert s['requests'] > 0 and not errors, f'wrk saw errors: {errors}'
assert after - before >= s['requests'], f'wrk counted {s["requests"]} answers, the server {after - before}'
print(f"serve load: {s['requests']} requests in {s['seconds']:.1f} s over {sys.argv[4]} connections, all answered "
      f"(p50 {s['p50_ms']:.1f} ms, p99 {s['p99_ms']:.1f} ms)")
PY
}
warm=$(run_wrk)
check_run "$warm" 0 "$(answered)" "$connections"
rss_warm=$(rss_kib)
before=$(answered)
main=$(run_wrk)
check_run "$main" "$before" "$(answered)" "$connections"
rss_after=$(rss_kib)
echo "serve load: resident memory $((rss_warm / 1024)) MiB after the warm-up, $((rss_after / 1024)) MiB after the run"
# Flat: growth under a quarter of the warm size plus 16 MiB (allocator slack), however long the run.
(( rss_after <= rss_warm + rss_warm / 4 + 16384 )) || fail "memory grew under load: ${rss_warm} KiB -> ${rss_after} KiB"
curl -sf "$BASE/metrics" | grep -E '^nsmlab_batch_requests_(sum|count)' || true  # requests per encoder call
stop_server TERM
exit 0
