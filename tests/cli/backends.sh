#!/usr/bin/env bash
# --backend / --precision / --threads, `nsmlab devices`, and the fallbacks, driven by simulated
# failures (NSMLAB_FAULT): a batch that runs out of memory is halved, a backend that fails to
# start or dies mid-corpus hands over to the next, and the output equals an uninterrupted run's.
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
[[ -d $model ]] || fail "committed fixture $model is missing"
for i in $(seq 1 40); do echo "Phrase numéro $i, un peu plus longue que la précédente $(printf 'mot %.0s' $(seq 1 $i))"; done > "$TMP/in.txt"
same() {  # same A.npy B.npy what
  local d; d=$(npy_maxdiff "$1" "$2")
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 1e-5 else 1)" "$d" || fail "$3: differs by $d"
}
embed() { "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --batch-tokens 1000 --force "$@"; }

# devices: text and JSON, every CPU precision listed with a verdict.
"$NSMLAB" devices > "$TMP/devices.txt"
grep -q '^CPU: ' "$TMP/devices.txt" || fail "devices: no CPU line"
for p in fp32 bf16 fp16 int8; do grep -q "^cpu-$p " "$TMP/devices.txt" || fail "devices: no cpu-$p line"; done
"$NSMLAB" devices --json > "$TMP/devices.json"
[[ $(json_get "$TMP/devices.json" "['backends'][0]['name']") == cpu-fp32 ]] || fail "devices --json"

# The reference: auto (fp32 on the CPU), 2 threads; the chosen backend is printed.
embed --output "$TMP/ref.npy" --threads 2 2> "$TMP/ref.err"
grep -q "on cpu-fp32" "$TMP/ref.err" || fail "embed does not say what ran: $(cat "$TMP/ref.err")"
embed --output "$TMP/one.npy" --threads 1 --precision fp32 --backend cpu 2>/dev/null
same "$TMP/ref.npy" "$TMP/one.npy" "1 thread vs 2"

# Requests that cannot be honoured are refused before any work, with the reason.
expect_error "--backend 'gpu': expected auto, cpu, cuda or cuda:N" embed --output "$TMP/x.npy" --backend gpu
expect_error "--precision 'fp64': expected auto, fp32, bf16, fp16 or int8" embed --output "$TMP/x.npy" --precision fp64
expect_error "--precision fp16 on this CPU: fp16 is a GPU precision" embed --output "$TMP/x.npy" --backend cpu --precision fp16
[[ ! -e $TMP/x.npy ]] || fail "a refused request wrote its output"

# A GPU asked where the CUDA plugin is missing: said (with where it was looked for), and the CPU does the work.
NSMLAB_CUDA_PLUGIN=/nonexistent/libnsmlab_cuda.so embed --output "$TMP/cuda.npy" --backend cuda --precision fp32 2> "$TMP/cuda.err"
grep -q "/nonexistent/libnsmlab_cuda.so.*running on the CPU instead" "$TMP/cuda.err" || fail "no note for the missing GPU: $(cat "$TMP/cuda.err")"
same "$TMP/ref.npy" "$TMP/cuda.npy" "cuda request served by the CPU"

# Out of memory on the 2nd and 3rd batches: halved (recursively), nothing lost or duplicated.
NSMLAB_FAULT=oom:cpu-fp32@2,oom:cpu-fp32@3 embed --output "$TMP/oom.npy" 2> "$TMP/oom.err"
grep -q "out of memory.*halved that batch" "$TMP/oom.err" || fail "no note for the halving: $(cat "$TMP/oom.err")"
same "$TMP/ref.npy" "$TMP/oom.npy" "after halving"
NSMLAB_FAULT=bogus expect_error "NSMLAB_FAULT entry 'bogus'" embed --output "$TMP/x.npy"

# A backend that fails to start, or dies in the middle of the corpus, hands over to CPU fp32 and
# the texts are encoded again there: the output is exactly the fp32 run's.
if grep -q '^cpu-bf16 *yes' "$TMP/devices.txt" && embed --output "$TMP/bf16.npy" --precision bf16 2>/dev/null; then
  NSMLAB_FAULT=init:cpu-bf16 embed --output "$TMP/init.npy" --precision bf16 2> "$TMP/init.err"
  grep -q "cpu-bf16: failed to start.*falling back to cpu-fp32" "$TMP/init.err" || fail "init fallback: $(cat "$TMP/init.err")"
  grep -q "on cpu-fp32" "$TMP/init.err" || fail "init fallback did not run on fp32"
  same "$TMP/ref.npy" "$TMP/init.npy" "after an init failure"
  NSMLAB_FAULT=fail:cpu-bf16@3 embed --output "$TMP/mid.npy" --precision bf16 2> "$TMP/mid.err"
  grep -q "device failed during embed call 3.*falling back to cpu-fp32 and encoding these texts again" "$TMP/mid.err" \
    || fail "mid-run fallback: $(cat "$TMP/mid.err")"
  same "$TMP/ref.npy" "$TMP/mid.npy" "after a mid-run failure"
fi
# The last resort failing is an error, not a silent empty result.
NSMLAB_FAULT=fail:cpu-fp32@2 expect_error "no other backend to fall back to" embed --output "$TMP/x.npy"
[[ ! -e $TMP/x.npy ]] || fail "a failed run wrote its output"

# run records what ran, fallbacks included.
NSMLAB_FAULT=oom:cpu-fp32@1 "$NSMLAB" run --model "$model" --output "$TMP/out" --no-plots --permutations 10 --bootstrap 10 --no-jackknife --threads 2 >/dev/null 2>&1 \
  || fail "run with an injected out-of-memory"
r=$TMP/out/results.json
[[ $(json_get "$r" "['metadata']['backend']") == cpu-fp32 ]] || fail "metadata.backend"
[[ $(json_get "$r" "['metadata']['backend_detail']['precision']") == fp32 ]] || fail "backend_detail.precision"
[[ $(json_get "$r" "['metadata']['backend_detail']['threads']") == 2 ]] || fail "backend_detail.threads"
json_get "$r" "['metadata']['backend_detail']['notes']" | grep -q "halved" || fail "the halving is not in results.json"
json_get "$r" "['metadata']['backend_detail']['libraries']['oneDNN']" >/dev/null || fail "no oneDNN version"
echo "ok"
