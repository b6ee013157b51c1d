#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time (`make fuzz`; docs/FUZZING.md).
# Usage: tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS TARGET...
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>/) plus what earlier
# runs found (BUILD_DIR/corpus/<target>/, where new inputs go); crash, timeout and
# out-of-memory reproducers go to BUILD_DIR/crashes/<target>/. Exit status 1 when any target
# left a reproducer there. FUZZ_KEEP_GOING=1 runs libFuzzer's fork mode, which records every
# crash and goes on (for surveys) instead of stopping at the first.
set -uo pipefail
# Each input is written where the loader reads it: on tmpfs when there is one.
[[ -d /dev/shm && -w /dev/shm ]] && export TMPDIR=/dev/shm
build=$1 seconds=$2
shift 2
src=$(cd "$(dirname "$0")" && pwd)
# Inputs larger than the seeds need, so mutations can grow them; JSON files need the most.
max_len() {
  case $1 in
    fuzz_tokenizer_json|fuzz_dataset|fuzz_offer_catalogue|fuzz_bench_results|fuzz_run_metadata) echo 16384 ;;
    fuzz_safetensors|fuzz_model_folder|fuzz_torch_checkpoint) echo 8192 ;;
    *) echo 4096 ;;
  esac
}
# A dictionary of keys and edge values helps libFuzzer past the JSON syntax.
dict_for() {
  case $1 in
    fuzz_safetensors) echo "-dict=$src/dict/safetensors.dict" ;;
    fuzz_tokenizer_json|fuzz_dataset|fuzz_transformer_config|fuzz_model_folder|fuzz_text_input|fuzz_offer_catalogue|fuzz_bench_results|fuzz_serve_request|fuzz_run_metadata) echo "-dict=$src/dict/json.dict" ;;
  esac
}
status=0
printf '%-28s %12s %10s %s\n' target executions crashes reproducers >&2
for t in "$@"; do
  mkdir -p "$build/corpus/$t" "$build/crashes/$t"
  log="$build/crashes/$t.log"
  mode=()
  [[ "${FUZZ_KEEP_GOING:-0}" == 1 ]] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/$t" "${mode[@]}" $(dict_for "$t") -max_total_time="$seconds" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/crashes/$t/" "$build/corpus/$t" "$src/corpus/$t" >"$log" 2>&1
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  [[ -z "$execs" ]] && execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  found=$(find "$build/crashes/$t" -type f | wc -l)
  printf '%-28s %12s %10s %s\n' "$t" "${execs:-?}" "$found" "$build/crashes/$t/" >&2
  [[ "$found" -gt 0 ]] && status=1
done
[[ $status -ne 0 ]] && echo "fuzz: reproducers found; the logs are $build/crashes/<target>.log" >&2
exit $status
