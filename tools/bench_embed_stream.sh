#!/usr/bin/env bash
# The figures of docs/BENCHMARKS.md "Streaming embed": peak memory and time of `embed` against
# the number of lines (10k, 100k, 1M short lines), and the cost of a kill + --resume.
# usage: tools/bench_embed_stream.sh NSMLAB_BINARY [MODEL] [OLD_BINARY]   (writes to $TMPDIR)
set -euo pipefail
nsmlab=$1
model=${2:-$(dirname "$0")/../tests/fixtures/models_hf/xlmr_mean}
old=${3:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NSMLAB_NO_PROGRESS=1
python3 - "$dir" <<'PY'
import random, sys
random.seed(1)
w = "le chat mange la souris dans une maison verte avec un homme qui pense que tu sais bien".split()
with open(f"{sys.argv[1]}/1000000.txt", "w") as f:
    for i in range(1000000):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(3, 12))) + "\n")
PY
head -n 10000 "$dir/1000000.txt" > "$dir/10000.txt"
head -n 100000 "$dir/1000000.txt" > "$dir/100000.txt"
measure() {  # label binary input: wall seconds and peak resident memory
  local label=$1 bin=$2 n=$3
  /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" embed --model "$model" --input "$dir/$n.txt" --output "$dir/out.npy" \
    --force --threads 1 2>/dev/null
  read -r secs kb < "$dir/time"
  printf '%-10s %8s lines  %7.1f s  %7.1f MiB peak RSS\n' "$label" "$n" "$secs" "$(echo "$kb / 1024" | bc -l)"
}
for n in 10000 100000 1000000; do measure streaming "$nsmlab" "$n"; done
if [[ -n $old ]]; then for n in 10000 100000 1000000; do measure "whole" "$old" "$n"; done; fi
# Resume: a run killed after its 12th chunk (of 25) and resumed, against one uninterrupted run.
start=$(date +%s.%N)
"$nsmlab" embed --model "$model" --input "$dir/100000.txt" --output "$dir/r.npy" --threads 1 2>/dev/null
mid=$(date +%s.%N)
NSMLAB_TEST_KILL_AT=36 "$nsmlab" embed --model "$model" --input "$dir/100000.txt" --output "$dir/k.npy" --threads 1 \
  2>/dev/null || true
"$nsmlab" embed --model "$model" --input "$dir/100000.txt" --output "$dir/k.npy" --threads 1 --resume 2>/dev/null
end=$(date +%s.%N)
cmp "$dir/r.npy" "$dir/k.npy" && echo "resumed output identical"
printf 'uninterrupted 100000 lines: %.1f s; killed after chunk 12 of 25 + --resume: %.1f s in all\n' \
  "$(echo "$mid - $start" | bc -l)" "$(echo "$end - $mid" | bc -l)"
