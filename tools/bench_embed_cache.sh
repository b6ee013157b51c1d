#!/usr/bin/env bash
# The embedding cache's cost and gain (docs/BENCHMARKS.md, "Embedding cache"): the same embed
# without the cache, with an empty cache (lookups + inserts + hashing the model once), with the
# digest memoised, and a second run that finds everything; then an overlapping corpus.
# Usage: tools/bench_embed_cache.sh BUILD/nsmlab MODEL CORPUS [THREADS]
set -euo pipefail
nsmlab=$1 model=$2 corpus=$3 threads=${4:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NSMLAB_NO_PROGRESS=1 NSMLAB_EMBEDDING_CACHE=off
t() {  # label, then the command: wall seconds
  local s e
  s=$(date +%s.%N)
  "$@" 2>"$tmp/err" >/dev/null
  e=$(date +%s.%N)
  printf '%-42s %7.2f s  %s\n' "$label" "$(echo "$e - $s" | bc)" "$(grep -o '[0-9]* of [0-9]* texts found.*' "$tmp/err" || true)"
}
embed() { "$nsmlab" embed --model "$model" --threads "$threads" --force "$@"; }
label="no cache" t embed --input "$corpus" --output "$tmp/ref.npy" --no-cache
label="empty cache (model hashed, all inserted)" t embed --input "$corpus" --output "$tmp/a.npy" --cache "$tmp/c.sqlite"
"$nsmlab" cache prune --cache "$tmp/c.sqlite" --max-size 1K >/dev/null  # entries gone, file digests kept
label="empty cache, model digest memoised" t embed --input "$corpus" --output "$tmp/a.npy" --cache "$tmp/c.sqlite"
label="second run (all found)" t embed --input "$corpus" --output "$tmp/b.npy" --cache "$tmp/c.sqlite"
cmp "$tmp/ref.npy" "$tmp/a.npy" && cmp "$tmp/ref.npy" "$tmp/b.npy" && echo "outputs byte-identical"
half=$(( $(wc -l <"$corpus") / 2 ))
{ tail -n "$half" "$corpus"; head -n "$half" "$corpus" | sed 's/$/ (v2)/'; } >"$tmp/overlap.txt"
label="overlapping corpus (half found)" t embed --input "$tmp/overlap.txt" --output "$tmp/o.npy" --cache "$tmp/c.sqlite"
"$nsmlab" cache stats --cache "$tmp/c.sqlite" | head -2
