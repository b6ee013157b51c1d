#!/usr/bin/env bash
# The figures of docs/BENCHMARKS.md "corpus-h3 across ranks": time and peak memory of
# `corpus-h3` over embed's shards for two corpus sizes, by one process and by 2 MPI ranks
# (mpirun --oversubscribe), and whether the JSON outputs agree.
# usage: tools/bench_corpus_h3.sh NSMLAB_BINARY [MODEL] [LINES...]   (default 10000 100000; writes to $TMPDIR)
set -euo pipefail
nsmlab=$(realpath "$1")
model=${2:-$(dirname "$0")/../tests/fixtures/models_hf/xlmr_mean}
shift $(( $# >= 2 ? 2 : 1 ))
sizes=("${@:-10000 100000}")
[[ $# -gt 0 ]] || sizes=(10000 100000)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NSMLAB_NO_PROGRESS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for n in "${sizes[@]}"; do
  python3 - "$dir/$n.txt" "$n" <<'PY'
import random, sys
random.seed(1)
w = "i not want know think good bad say tell fine the a house river blue walk of".split()
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(3, 12))) + "\n")
PY
  "$nsmlab" embed --model "$model" --input "$dir/$n.txt" --output "$dir/emb$n/" --threads 1 2>/dev/null
  # Each process's wall time and peak RSS, by rank.
  run() {  # ranks
    local np=$1
    if [[ $np == 1 ]]; then
      /usr/bin/time -f "%e %M" -o "$dir/t.0" "$nsmlab" corpus-h3 --embeddings "$dir/emb$n" --language en \
        --output "$dir/h3-$np.json" --force 2>/dev/null
    else
      mpirun --oversubscribe --bind-to none -np "$np" sh -c '/usr/bin/time -f "%e %M" -o "$0.$OMPI_COMM_WORLD_RANK" "$@"' \
        "$dir/t" "$nsmlab" corpus-h3 --embeddings "$dir/emb$n" --language en --output "$dir/h3-$np.json" --force 2>/dev/null
    fi
    for ((r = 0; r < np; ++r)); do
      read -r secs kb < "$dir/t.$r"
      printf '%8s lines  %d rank(s)  rank %d: %6.2f s  %6.1f MiB peak RSS\n' "$n" "$np" "$r" "$secs" "$(echo "$kb / 1024" | bc -l)"
    done
  }
  run 1
  run 2
  python3 - "$dir/h3-1.json" "$dir/h3-2.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
d = max(abs(x - y) for x, y in zip(a["explained_variance_ratio"], b["explained_variance_ratio"]))
r = max((abs(x - y) for i, j in zip(a["isotopies"], b["isotopies"]) for x, y in zip(i["r"], j["r"])), default=0)
print(f"  largest difference 1 vs 2 ranks: explained variance ratio {d:.1e}, r {r:.1e}")
PY
done
