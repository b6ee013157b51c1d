#!/usr/bin/env bash
# The default binary really runs on a CPU without AVX-512: QEMU's user-mode emulator (TCG,
# Debian's qemu-user) plays an AVX2-only Haswell, where any AVX-512 instruction that is
# executed — ours, a library's, oneDNN's JIT code — is an illegal instruction. Under it,
# nsmlab must choose its AVX2 kernels by itself, and give byte for byte what the native run
# forced onto the same path (NSMLAB_CPU_ISA=avx2) gives.
# The model uses GELU-erf: QEMU 7.2 computes oneDNN's AVX2 tanh wrongly (Dense + tanh heads
# differ under emulation while the same code on a real AVX2 path matches the references), an
# emulator fault, not ours.
source "$(dirname "$0")/lib.bash" "$@"
if grep -q '^NSMLAB_NATIVE:BOOL=ON' "$(dirname "$NSMLAB")/CMakeCache.txt" 2>/dev/null; then
  echo "NSMLAB_NATIVE=ON: a -march=native build is not meant to be portable; nothing to check"
  exit 0
fi
command -v qemu-x86_64 >/dev/null || fail "qemu-x86_64 missing (tools/install-deps.sh installs qemu-user)"
haswell() { qemu-x86_64 -cpu Haswell-v4 "$@" 2> >(grep -v "TCG doesn't support" >&2); }

model=$ROOT/tests/fixtures/models/bert-mean
[[ -d $model ]] || fail "committed fixture $model is missing"
printf 'Le chat dort sur le canapé.\nJe pense, donc je suis.\nA much longer English sentence with several words in it.\n' > "$TMP/in.txt"

haswell "$NSMLAB" info --model "$model" > /dev/null || fail "info died on an AVX2-only CPU"
haswell "$NSMLAB" tokenize --model "$model" --input "$TMP/in.txt" --output "$TMP/ids-haswell.jsonl" ||
  fail "tokenize died on an AVX2-only CPU"
haswell "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/haswell.npy" --normalize ||
  fail "embed died on an AVX2-only CPU"
NSMLAB_CPU_ISA=avx2 "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/native.npy" --normalize 2> /dev/null
cmp -s "$TMP/haswell.npy" "$TMP/native.npy" || fail "the emulated AVX2-only CPU gave other embeddings than the AVX2 path"
# Asking for AVX-512 there is refused with a reason, not a crash.
NSMLAB_CPU_ISA=avx512 expect_error "avx512" haswell "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/x.npy"
exit 0
