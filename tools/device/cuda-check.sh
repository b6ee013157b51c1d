#!/usr/bin/env bash
# The CUDA backend's checks on the GPU machine, in one call (well inside 10 minutes):
#   1. the machine: GPU, driver, nvcc, PyTorch (env.txt)
#   2. the bundle made here by tools/device/make-cuda-bundle.sh (nsmlab, the engine tests, the
#      CUDA plugin, the Debian libraries): unpacked, cuBLASLt found on the machine;
#      CUDA_CHECK_REBUILD=1 rebuilds the plugin there with nvcc (sm_90 only) from src/cuda/
#   3. `nsmlab devices` (devices.txt)
#   4. the GPU tests: every fixture model in fp32/fp16/bf16 against the CPU, end to end against
#      sentence-transformers, plus the plan tests (gpu_tests.txt; the stand-in plugin's tests
#      run in every build, not here)
#   5. random-weight models of the seven real shapes against sentence-transformers
#      (tools/device/cuda_real_sizes.py -> cuda_real_sizes.json)
#   6. throughput, 100k mixed-length sentences, 278M shape, vs sentence-transformers fp16
#      (tools/device/cuda_bench.py -> cuda_bench.json)
# Everything lands in $OUT (the device tool's folder; /tmp/cuda-check-out elsewhere), in at most
# 7 files (the tool brings back 8): summary.txt, env.txt, gpu_tests.txt, real_sizes.txt,
# cuda_real_sizes.json, bench.txt, cuda_bench.json.
#
#   here:   tools/device/make-cuda-bundle.sh
#   device: run(command="bash tools/device/cuda-check.sh", carry=[".devbundle"], timeout_s=590)
#   PHASES=tests,sizes,bench (default all) runs a subset; SIZES="all-mpnet-base-v2 LaBSE" picks
#   shapes; BENCH_SENTENCES=100000; --dry-run checks the script and bundle without a GPU.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
OUT=${OUT:-/tmp/cuda-check-out}
WORK=${WORK:-/tmp/cuda-check}
PHASES=${PHASES:-tests,sizes,bench}
DRY=0
[[ "${1:-}" == "--dry-run" ]] && DRY=1
mkdir -p "$OUT" "$WORK"
start=$(date +%s)
budget=${BUDGET_S:-540}                       # leave the caller's 600 s limit some room
deadline() { echo $((start + budget)); }
left() { echo $(( $(deadline) - $(date +%s) )); }
say() { echo "[cuda-check +$(( $(date +%s) - start ))s] $*" | tee -a "$OUT/summary.txt"; }
has_phase() { [[ ",$PHASES," == *",$1,"* ]]; }

# 1. The machine.
{
  date -u; uname -a; grep -m1 PRETTY_NAME /etc/os-release
  nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version,clocks.sm,clocks.max.sm --format=csv 2>&1
  command -v nvcc >/dev/null && nvcc --version | tail -2
  python3 -c "import torch, transformers, sentence_transformers as s; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'gpu', torch.cuda.is_available()); print('transformers', transformers.__version__, 'sentence-transformers', s.__version__)" 2>&1
  nproc; free -g | head -2
} > "$OUT/env.txt" 2>&1
say "machine: $(head -c 300 <(grep -A1 '^name' "$OUT/env.txt" | tail -1))"

# 2. The bundle.
bundle=.devbundle/cuda-bundle.tar.xz
b="$WORK/bundle"
rm -rf "$b"; mkdir -p "$b"
if [[ -f "$bundle" ]]; then
  tar -C "$b" -xJf "$bundle" || { say "FAIL: cannot unpack $bundle"; exit 1; }
  say "bundle from commit $(cat "$b/commit" 2>/dev/null) (this tree: $(git rev-parse --short HEAD 2>/dev/null))"
else
  say "FAIL: no $bundle: run tools/device/make-cuda-bundle.sh on the build machine and carry .devbundle"
  [[ $DRY == 1 ]] || exit 1
fi
# cuBLASLt from the machine: the CUDA toolkit, else PyTorch's wheel.
cublas_dir=""
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib \
         $(python3 -c "import nvidia, os; print(' '.join(os.path.join(p, s, 'lib') for p in nvidia.__path__ for s in ('cu13', 'cublas')))" 2>/dev/null); do
  if compgen -G "$d/libcublasLt.so.13*" >/dev/null; then cublas_dir=$d; break; fi
done
[[ -z "$cublas_dir" ]] && cublas_dir=$(dirname "$(find / -xdev -name 'libcublasLt.so.13*' 2>/dev/null | head -1)" 2>/dev/null)
say "cuBLASLt from: ${cublas_dir:-NOT FOUND}"
export LD_LIBRARY_PATH="$b/lib${cublas_dir:+:$cublas_dir}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
plugin="$b/bin/libnsmlab_cuda.so"
if [[ "${CUDA_CHECK_REBUILD:-0}" == 1 || ! -f "$plugin" ]] && command -v nvcc >/dev/null; then
  say "building the plugin with $(nvcc --version | tail -1) for sm_90"
  mkdir -p "$WORK/obj"
  ls src/cuda/*.cu | xargs -P "$(nproc)" -I{} sh -c 'nvcc -std=c++17 -O3 -gencode arch=compute_90,code=sm_90 \
      -Xcompiler -fPIC,-fvisibility=hidden --expt-relaxed-constexpr -DNSMLAB_CUDA_ARCHS="\"sm_90\"" -Isrc \
      -c {} -o "$0/obj/$(basename {} .cu).o"' "$WORK" 2>&1 | tee -a "$OUT/env.txt"
  nvcc -shared -o "$WORK/libnsmlab_cuda.so" "$WORK"/obj/*.o -cudart static -lcublasLt ${cublas_dir:+-L$cublas_dir} \
    2>&1 | tee -a "$OUT/env.txt" && plugin="$WORK/libnsmlab_cuda.so"
fi
export NSMLAB_CUDA_PLUGIN="$plugin" NSMLAB_NO_PROGRESS=1
nsmlab="$b/bin/nsmlab"
# The test program reads the fixtures at the path it was built in.
src=$(cat "$b/source_dir" 2>/dev/null || true)
if [[ -n "$src" && ! -e "$src/tests/fixtures" ]]; then mkdir -p "$src/tests" && ln -s "$repo/tests/fixtures" "$src/tests/fixtures"; fi

# 3. Devices.
if [[ -x "$nsmlab" ]]; then
  { echo "== nsmlab devices"; "$nsmlab" devices; echo "== ldd plugin"; ldd "$plugin"; } > "$WORK/devices.txt" 2>&1
  cat "$WORK/devices.txt" >> "$OUT/env.txt"
  say "devices: $(grep -m1 -E '^GPU' "$WORK/devices.txt")"
fi

status=0
# 4. The GPU tests.
if has_phase tests && [[ -x "$b/bin/nsmlab_engine_tests" ]]; then
  t=$(( $(left) < 200 ? $(left) : 200 ))
  timeout "$t" "$b/bin/nsmlab_engine_tests" \
    --gtest_filter='CudaEndToEnd*:*CudaFixtureModel*:CudaOutOfMemory*:GpuPlan*' > "$OUT/gpu_tests.txt" 2>&1
  rc=$?
  # The fixture models again with the simple attention kernel (the tiled one's reference).
  echo "=== NSMLAB_CUDA_ATTENTION=simple" >> "$OUT/gpu_tests.txt"
  NSMLAB_CUDA_ATTENTION=simple timeout "$t" "$b/bin/nsmlab_engine_tests" --gtest_filter='*CudaFixtureModel*' \
    >> "$OUT/gpu_tests.txt" 2>&1
  rc_simple=$?
  say "GPU tests: rc=$rc (simple attention: rc=$rc_simple); $(grep -cE '^\[       OK \]' "$OUT/gpu_tests.txt") ok, $(grep -cE '^\[  FAILED  \]' "$OUT/gpu_tests.txt") failed lines, $(grep -cE '^\[  SKIPPED \]' "$OUT/gpu_tests.txt") skipped"
  grep -E '^\[  (FAILED|SKIPPED) \]|Failure|no GPU visible|^===' "$OUT/gpu_tests.txt" | head -30 | tee -a "$OUT/summary.txt"
  [[ $rc == 0 && $rc_simple == 0 ]] || status=1
fi

export DEADLINE=$(deadline)
cd tools/device
if [[ $DRY == 1 ]]; then
  for f in cuda_models.py cuda_real_sizes.py cuda_bench.py; do python3 -m py_compile "$f" && say "syntax ok: $f"; done
  say "dry run: stopping before the GPU phases"
  exit $status
fi
# 5. Real shapes against sentence-transformers (about half of what is left).
if has_phase sizes; then
  t=$(( $(left) / 2 )); [[ ",$PHASES," == *",bench,"* ]] || t=$(left)
  DEADLINE=$(( $(date +%s) + t )) PYTHONUNBUFFERED=1 timeout "$t" python3 cuda_real_sizes.py "$WORK/models" "$OUT" "$nsmlab" ${SIZES:-} \
    > "$OUT/real_sizes.txt" 2>&1 || status=1
  tail -12 "$OUT/real_sizes.txt" | tee -a "$OUT/summary.txt"
fi
# 6. Throughput.
if has_phase bench; then
  t=$(( $(left) - 10 ))
  DEADLINE=$(( $(date +%s) + t )) PYTHONUNBUFFERED=1 timeout "$t" python3 cuda_bench.py "$WORK/models" "$OUT" "$nsmlab" \
    "${BENCH_SENTENCES:-100000}" > "$OUT/bench.txt" 2>&1 || status=1
  tail -10 "$OUT/bench.txt" | tee -a "$OUT/summary.txt"
fi
say "done, status $status"
exit $status
