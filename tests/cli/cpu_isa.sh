#!/usr/bin/env bash
# NSMLAB_CPU_ISA: the AVX2 path gives the embeddings of the default path (within 1e-5) on the
# committed models, bad values are refused, and results.json records the ISA and the flags.
source "$(dirname "$0")/lib.bash" "$@"
printf 'Je sais que tu penses.\nL’autre côté 😀\nA much longer sentence, with several words, so that rows differ in length.\n' > "$TMP/in.txt"
for m in xlmr_mean mpnet_mean bert_mean labse_like; do
  model=$ROOT/tests/fixtures/models_hf/$m
  [[ -d $model ]] || fail "committed fixture $model is missing"
  env -u NSMLAB_CPU_ISA "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/$m-native.npy" 2>/dev/null
  NSMLAB_CPU_ISA=avx2 "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/$m-avx2.npy" 2>/dev/null
  d=$(npy_maxdiff "$TMP/$m-native.npy" "$TMP/$m-avx2.npy")
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 1e-5 else 1)" "$d" || fail "$m: AVX2 path differs by $d"
done

model=$ROOT/tests/fixtures/models_hf/xlmr_mean
NSMLAB_CPU_ISA=sse4 expect_error "NSMLAB_CPU_ISA='sse4': expected avx2, avx512 or native" \
  "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/x.npy"
if ! grep -qw avx512bw /proc/cpuinfo; then
  NSMLAB_CPU_ISA=avx512 expect_error "NSMLAB_CPU_ISA=avx512: this CPU" \
    "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/x.npy"
fi

NSMLAB_CPU_ISA=avx2 "$NSMLAB" run --model "$model" --output "$TMP/out" --no-plots --permutations 10 --bootstrap 10 --no-jackknife >/dev/null 2>&1 || fail "run on the AVX2 path"
r=$TMP/out/results.json
[[ $(json_get "$r" "['metadata']['cpu']['kernels_isa']") == avx2 ]] || fail "kernels_isa"
[[ $(json_get "$r" "['metadata']['cpu']['requested']") == avx2 ]] || fail "requested"
[[ $(json_get "$r" "['metadata']['cpu']['onednn_max_isa']") == avx2 ]] || fail "onednn_max_isa"
[[ $(json_get "$r" "['metadata']['cpu']['onednn_isa']") == avx2 ]] || fail "oneDNN was not capped at AVX2"
json_get "$r" "['metadata']['cpu']['compile_flags']" | grep -q -- "-march=" || fail "compile_flags"
[[ $(json_get "$r" "['metadata']['cpu']['features']['avx2']") == True ]] || fail "features"
exit 0
