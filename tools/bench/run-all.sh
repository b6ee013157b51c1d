#!/usr/bin/env bash
# `make bench`: nsmlab fp32 / bf16 / int8 against its peers at their best (PyTorch eager fp32,
# bf16 autocast and dynamic int8 on the onednn engine; ONNX Runtime fp32), side by side in one
# run on this CPU, on the same token ids and batches; the GEMM peak per precision measured in
# the same run, so every result is also a fraction of the machine's peak; the accuracy of bf16
# and int8 (cosine to fp32 on the seven compared model shapes and the tiny fixtures, and the
# three experiments' metrics); then load time and the whole pipeline's stage timings.
# Prints Markdown (see docs/BENCHMARKS.md). Idempotent: models and inputs are made once in the
# work folder; whatever cannot be measured (a peer not installed, a precision not built) is
# skipped with a message on stderr.
#
# Usage: tools/bench/run-all.sh BUILD_DIR
# Environment: NSMLAB_BENCH_DIR (work folder, default BUILD_DIR/bench-work),
#   NSMLAB_BENCH_MODELS (speed, default "minilm mpnet xlmr"), NSMLAB_BENCH_INPUTS ("primes65 corpus1000"),
#   NSMLAB_BENCH_PRECISIONS ("fp32 bf16 int8"), NSMLAB_BENCH_PEERS ("torch-fp32 torch-bf16 torch-int8 ort-fp32"),
#   NSMLAB_BENCH_ACCURACY_MODELS (default: the seven shapes and "fixtures"; "" for none),
#   NSMLAB_BENCH_EXPERIMENT_MODEL (default xlmr; "" for none), NSMLAB_BENCH_THREADS (2),
#   NSMLAB_BENCH_REPEAT (3), NSMLAB_BENCH_MICRO=0 to skip nsmlab_bench, NSMLAB_BENCH_PIPELINE=0 to skip
#   load time and pipeline, NSMLAB_BENCH_BIN (default BUILD_DIR/bench/nsmlab_bench; NSMLAB_BENCH_MODEL
#   for its real-model case), NSMLAB_ORT_DIR (where onnxruntime-node is installed).
set -uo pipefail
BUILD="$(cd "${1:?usage: run-all.sh BUILD_DIR}" && pwd)"
WORK="${NSMLAB_BENCH_DIR:-$BUILD/bench-work}"
export BUILD WORK
source "$(dirname "$0")/lib.bash"
MODELS="${NSMLAB_BENCH_MODELS:-minilm mpnet xlmr}"
ACCURACY_MODELS="${NSMLAB_BENCH_ACCURACY_MODELS-minilm mpnet xlmr e5-large bge-m3 labse camembert-large fixtures}"
EXPERIMENT_MODEL="${NSMLAB_BENCH_EXPERIMENT_MODEL-xlmr}"
mkdir -p "$WORK"

[[ -x "$NSMLAB" ]] || { say "no $NSMLAB: build first (make build)"; exit 1; }
HAVE_TORCH=1
"$PY" -c 'import torch, numpy' 2>/dev/null || { HAVE_TORCH=0; say "SKIP peers and models: $PY lacks torch/numpy (tools/install-deps.sh --with-peers)"; }

flags=$(grep -m1 '^flags' /proc/cpuinfo)
has() { [[ " $flags " == *" $1 "* ]] && echo yes || echo no; }
echo "## Machine"
echo
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; memory $(free -g | awk '/^Mem:/{print $2}') GiB"
echo "- instruction sets (/proc/cpuinfo): AVX2 $(has avx2), AVX-512 $(has avx512f), AVX512_BF16 $(has avx512_bf16)," \
     "AVX512_VNNI $(has avx512_vnni), AVX-VNNI $(has avx_vnni), AMX-BF16 $(has amx_bf16), AMX-INT8 $(has amx_int8)"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); threads used: $THREADS; $(date -u +%FT%TZ)"
echo "- nsmlab: $("$NSMLAB" --version 2>/dev/null | head -1)$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null | sed 's/^/, commit /')"
if [[ $HAVE_TORCH == 1 ]]; then
  echo "- peers: $("$PY" -c 'import torch; print("torch", torch.__version__, "(quantized engines:", ", ".join(torch.backends.quantized.supported_engines) + ")")'), BLAS: $("$PY" -c 'import torch,re; torch.randn(2,2)@torch.randn(2,2); m=open("/proc/self/maps").read(); print(", ".join(sorted(set(re.findall(r"lib(openblas\w*|mkl\w*)\S*\.so", m)))) or "unknown")') (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}), OMP_WAIT_POLICY=$OMP_WAIT_POLICY for nsmlab and the peers"
fi
echo

# --- Inputs: the built-in French corpus repeated to 1000 lines, the 65 French primes, and the
# dataset's own texts once (primes then corpus) for the accuracy runs.
"$PY" - "$ROOT/data/nsm-dataset.json" "$WORK" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
corpus = [c["text"] for c in d["corpora"]["fr"]]
primes = [p["exponents"]["fr"][0] for p in d["primes"] if p["exponents"].get("fr")]
open(sys.argv[2] + "/corpus1000.txt", "w").write("\n".join((corpus * (1000 // len(corpus) + 1))[:1000]) + "\n")
open(sys.argv[2] + "/primes65.txt", "w").write("\n".join(primes) + "\n")
open(sys.argv[2] + "/dataset.txt", "w").write("\n".join(primes + corpus) + "\n")
EOF

if [[ $HAVE_TORCH == 1 ]]; then
  wanted=$(tr ' ' '\n' <<<"$MODELS $ACCURACY_MODELS $EXPERIMENT_MODEL" | grep -v -e '^$' -e '^fixtures$' | sort -u)
  # shellcheck disable=SC2086
  "$ROOT/tools/bench/make-models.sh" "$WORK/models" $wanted >&2
fi

echo "## GEMM peak per precision (this run, $THREADS threads)"
echo
"$ROOT/tools/bench/peak.sh"
echo

# --- Micro-benchmarks (Google Benchmark), when the bench build has them.
BENCH_BIN="${NSMLAB_BENCH_BIN:-$BUILD/bench/nsmlab_bench}"
if [[ "${NSMLAB_BENCH_MICRO:-1}" != 0 ]]; then
  if [[ -x "$BENCH_BIN" ]]; then
    [[ -f "$WORK/models/xlmr/model.safetensors" ]] && export NSMLAB_BENCH_MODEL="${NSMLAB_BENCH_MODEL:-$WORK/models/xlmr}"
    echo "## Micro-benchmarks (nsmlab_bench)"
    echo
    echo '```'
    "$BENCH_BIN" --benchmark_filter=-BM_GemmPeak --benchmark_min_time=0.3 --benchmark_counters_tabular=true 2>&1 | grep -v '^\*\*\*'
    echo '```'
    echo
  else
    say "SKIP micro-benchmarks: no $BENCH_BIN (configure with -DNSMLAB_BUILD_BENCH=ON, target nsmlab_bench)"
  fi
fi

# --- Speed: nsmlab at each precision and the peers, same ids, same batches.
rm -f "$WORK/throughput.jsonl" "$WORK/accuracy.jsonl"
echo "## Throughput ($THREADS threads, best of $REPEAT passes; torch bf16/int8: one pass after a warm-up)"
echo
# shellcheck disable=SC2086
"$ROOT/tools/bench/throughput.sh" $MODELS
"$PY" "$ROOT/tools/bench/tables.py" throughput "$WORK"

if [[ -n "$ACCURACY_MODELS" ]]; then
  echo "## Accuracy: per-sentence cosine to nsmlab fp32 ($(wc -l <"$WORK/dataset.txt") texts: the built-in primes and corpus)"
  echo
  # shellcheck disable=SC2086
  "$ROOT/tools/bench/accuracy.sh" "$WORK/dataset.txt" $ACCURACY_MODELS
  "$PY" "$ROOT/tools/bench/tables.py" accuracy "$WORK"
fi

if [[ -n "$EXPERIMENT_MODEL" ]]; then
  echo "## The three experiments at each precision (nsmlab run, $EXPERIMENT_MODEL, built-in dataset)"
  echo
  "$ROOT/tools/bench/experiments.sh" "$EXPERIMENT_MODEL"
  echo
fi

echo "## Goals of issue 7, measured in this run"
echo
goal_input=$(tr ' ' '\n' <<<"${NSMLAB_BENCH_INPUTS:-primes65 corpus1000}" | grep -v '^$' | tail -1)
"$PY" "$ROOT/tools/bench/tables.py" goals "$WORK" --goal-input "$goal_input"

if [[ "${NSMLAB_BENCH_PIPELINE:-1}" == 0 ]]; then echo "_load average at end: $(cut -d' ' -f1-3 /proc/loadavg)_"; exit 0; fi

# --- Load time of the largest model: page cache dropped ("cold") then warm.
big="$WORK/models/xlmr"
if [[ -f "$big/model.safetensors" ]]; then
  echo "## Model load time (xlmr, 278M parameters, $(du -h "$big/model.safetensors" | cut -f1) safetensors, mmap)"
  echo
  how="page cache dropped (drop_caches)"
  if ! { sync && echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
    how="file evicted with dd iflag=nocache (best effort)"
    for fl in "$big"/model.safetensors "$big"/tokenizer.json; do dd if="$fl" iflag=nocache count=0 status=none; done
  fi
  cold=$("$NSMLAB" info --model "$big" | sed -n 's/^loaded in: *//p')
  warm=$(for i in 1 2 3; do "$NSMLAB" info --model "$big" | sed -n 's/^loaded in: *\([0-9.]*\).*/\1/p'; done | sort -n | head -1)
  echo "| cold-ish ($how) | warm (best of 3) |"
  echo "|---|---|"
  echo "| $cold | $warm ms |"
  echo
fi

# --- Whole pipeline: nsmlab run, per-stage timings from results.json.
pipeline() {  # label, args...
  local label="$1"; shift
  local out="$WORK/run-$label"
  local t0=$(date +%s.%N)
  if ! "$NSMLAB" run "$@" -o "$out" --threads "$THREADS" >"$WORK/run-$label.log" 2>&1; then
    say "SKIP pipeline $label: nsmlab run failed (see $WORK/run-$label.log)"; return
  fi
  local wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b - a}')
  echo "### nsmlab run $* (process wall $wall s)"
  echo
  echo "| stage | seconds |"
  echo "|---|---|"
  "$PY" -c 'import json, sys
for k, v in json.load(open(sys.argv[1]))["metadata"]["timings_s"].items(): print(f"| {k} | {v:.3f} |")' "$out/results.json" \
    || say "no timings in $out/results.json"
  echo
}
echo "## Whole pipeline (nsmlab run)"
echo
[[ -f "$big/model.safetensors" ]] && pipeline xlmr --model "$big"
pipeline lexical --lexical
echo "_load average at end: $(cut -d' ' -f1-3 /proc/loadavg)_"
