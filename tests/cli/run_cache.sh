#!/usr/bin/env bash
# The embedding cache with run (docs/EMBED.md, "Cache"): on by default (under
# $XDG_CACHE_HOME/nsmlab); the second run finds every text and writes the same embeddings;
# --no-cache neither reads nor writes it.
source "$(dirname "$0")/lib.bash" "$@"
unset NSMLAB_EMBEDDING_CACHE  # lib.bash turns it off for the other tests
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
run() { "$NSMLAB" run --model "$model" --no-plots --threads 1 --permutations 0 --bootstrap 0 --no-jackknife "$@"; }
run -o "$TMP/run1" >/dev/null 2>"$TMP/r1.err"
[[ -e $TMP/no-cache/nsmlab/embeddings.sqlite ]] || fail "run did not create the default cache"
grep -q " 0 of [0-9]* texts found" "$TMP/r1.err" || fail "run 1: $(cat "$TMP/r1.err")"
run -o "$TMP/run2" >/dev/null 2>"$TMP/r2.err"
grep -qE " ([0-9]+) of \1 texts found, 0 encoded" "$TMP/r2.err" || fail "run 2: $(cat "$TMP/r2.err")"
run -o "$TMP/run3" --no-cache >/dev/null 2>"$TMP/r3.err"
! grep -q "texts found" "$TMP/r3.err" || fail "--no-cache used the cache"
# results.json says where the vectors came from.
[[ $(json_get "$TMP/run2/results.json" "['metadata']['embedding_cache']['encoded']") == 0 ]] || fail "run 2: results.json"
(( $(json_get "$TMP/run2/results.json" "['metadata']['embedding_cache']['found']") > 0 )) || fail "run 2: found"
[[ $(json_get "$TMP/run3/results.json" "['metadata']['embedding_cache']") == None ]] || fail "run 3: results.json"
for f in primes.npy corpus.npy; do
  cmp -s "$TMP/run1/$f" "$TMP/run3/$f" && cmp -s "$TMP/run2/$f" "$TMP/run3/$f" || fail "run: $f differs with the cache"
done
exit 0
