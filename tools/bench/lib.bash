# Shared by the tools/bench scripts (sourced): settings, messages, and how to run nsmlab at a
# precision. Every script reads BUILD and WORK from the environment run-all.sh exports.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY=/usr/bin/python3
NSMLAB="${BUILD:?}/nsmlab"
THREADS="${NSMLAB_BENCH_THREADS:-2}"
REPEAT="${NSMLAB_BENCH_REPEAT:-3}"  # timings: best of this many passes
# PASSIVE: idle OpenMP threads sleep instead of spinning; on 2 busy cores spinning threads steal
# time from OpenBLAS's own threads (the peer ran 4x slower) and from other processes.
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# OpenBLAS 0.3.21 does not recognise the generic "Intel Xeon Processor" CPUID of many VMs and
# falls back to its Prescott (SSE3) kernels, 4x slower: name the core from the CPU flags so
# the peer is measured at its best. An inherited OPENBLAS_CORETYPE is overridden (some images
# set Haswell everywhere: 25-40% slower sgemm here); NSMLAB_BENCH_OPENBLAS_CORETYPE forces one.
if [[ -n "${NSMLAB_BENCH_OPENBLAS_CORETYPE:-}" ]]; then export OPENBLAS_CORETYPE="$NSMLAB_BENCH_OPENBLAS_CORETYPE"
elif grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell; fi
export NSMLAB_NO_PROGRESS=1

say() { echo "bench: $*" >&2; }
jfield() { "$PY" -c 'import json, sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2" 2>/dev/null; }
# One JSON object from key=value pairs (numbers stay numbers): json_of model=x texts_per_s=3.5
json_of() { "$PY" -c 'import json, sys
def v(s):
    try: return float(s)
    except ValueError: return s
print(json.dumps({k: v(x) for k, x in (a.split("=", 1) for a in sys.argv[1:])}))' "$@"; }
# A JSON object plus key=value pairs.
json_with() { local j="$1"; shift; "$PY" -c 'import json, sys
d = json.loads(sys.argv[1]); d.update(json.loads(sys.argv[2])); print(json.dumps(d))' "$j" "$(json_of "$@")"; }

# Does this nsmlab take --precision? (the flag arrived with issue 7)
nsmlab_has_precision() { "$NSMLAB" embed --help 2>/dev/null | grep -q -- '--precision'; }

# nsmlab_embed MODEL INPUT OUT.npy PRECISION: best texts/s of REPEAT processes on stdout (each
# process pays its own first-batch setup); on failure nothing on stdout, the reason on stderr.
nsmlab_embed() {
  local model="$1" input="$2" out="$3" prec="$4" best="" err rate r flags=()
  if nsmlab_has_precision; then flags=(--precision "$prec")
  elif [[ "$prec" != fp32 ]]; then say "SKIP nsmlab $prec: this nsmlab has no --precision flag yet"; return 1; fi
  for ((r = 0; r < REPEAT; r++)); do
    err=$("$NSMLAB" embed --model "$model" --input "$input" --output "$out" --threads "$THREADS" --force \
            "${flags[@]}" 2>&1 >/dev/null)
    rate=$(sed -n 's/.*encode [0-9.]* s (\([0-9.]*\) texts\/s).*/\1/p' <<<"$err" | tail -1)
    [[ -n "$rate" ]] || { say "SKIP nsmlab $prec on $(basename "$model")/$(basename "$input"): ${err:0:300}"; return 1; }
    best=$(awk -v a="$best" -v b="$rate" 'BEGIN{ print (a == "" || b > a) ? b : a }')
  done
  echo "$best"
}
