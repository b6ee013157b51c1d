#!/usr/bin/env bash
# The machine's matrix-product peak per precision, measured in this run: nsmlab's probe (a tight
# oneDNN matmul, src/nn/gemm_peak.h, via nsmlab_bench's BM_GemmPeak) where it is built, and the
# peer's view (torch, tools/bench/torch_gemm_peak.py). The higher of the two per precision is
# the peak every result's fraction is taken of; written to WORK/peak.json, a table on stdout.
# Usage (from run-all.sh): BUILD=... WORK=... tools/bench/peak.sh
set -uo pipefail
source "$(dirname "$0")/lib.bash"
BENCH_BIN="${NSMLAB_BENCH_BIN:-$BUILD/bench/nsmlab_bench}"
probe='{}'
if [[ -x "$BENCH_BIN" ]] && "$BENCH_BIN" --benchmark_list_tests=true 2>/dev/null | grep -q BM_GemmPeak; then
  "$BENCH_BIN" --benchmark_filter=BM_GemmPeak --benchmark_format=json >"$WORK/gemm_peak_probe.json" 2>/dev/null \
    || say "nsmlab_bench BM_GemmPeak failed"
  probe=$("$PY" -c 'import json, sys
out = {}
for b in json.load(open(sys.argv[1])).get("benchmarks", []):
    if b.get("error_occurred") or "GFLOP/s" not in b: continue
    out[b["label"].split()[0]] = {"gflops": round(b["GFLOP/s"], 1), "how": "nsmlab probe " + b["label"]}
print(json.dumps(out))' "$WORK/gemm_peak_probe.json" 2>/dev/null || echo '{}')
else
  say "no GEMM-peak probe (BM_GemmPeak, src/nn/gemm_peak.*) in $BENCH_BIN (build target nsmlab_bench): torch's view only"
fi
torch='{}'
"$PY" -c 'import torch' 2>/dev/null && torch=$("$PY" "$ROOT/tools/bench/torch_gemm_peak.py" --threads "$THREADS") \
  || say "SKIP torch GEMM peak"
"$PY" - "$probe" "$torch" "$WORK/peak.json" "$(cut -d' ' -f1 /proc/loadavg)" <<'PYEOF'
import json, sys
probe, torch = json.loads(sys.argv[1]), json.loads(sys.argv[2])
peak = {}
print("| precision | nsmlab probe (oneDNN) GFLOP/s | torch's best GFLOP/s | peak used |")
print("|---|---|---|---|")
for p in ("fp32", "bf16", "int8"):
    cands = [(s[p]["gflops"], s[p]["how"]) for s in (probe, torch) if p in s]
    if cands:
        g, how = max(cands)
        peak[p] = {"gflops": g, "how": how}
    cell = lambda s: f'{s[p]["gflops"]:.0f}' if p in s else "–"
    print(f'| {p} | {cell(probe)} | {cell(torch)} ({torch.get(p, {}).get("how", "not measured")}) | '
          f'{peak[p]["gflops"]:.0f} |' if p in peak else f"| {p} | – | – | not measured |")
print(f"\n_1-minute load average after the peak measurements: {sys.argv[4]}_")
peak["load"] = float(sys.argv[4])
json.dump(peak, open(sys.argv[3], "w"), indent=1)
PYEOF
