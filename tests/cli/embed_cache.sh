#!/usr/bin/env bash
# The embedding cache (docs/EMBED.md, "Cache"): embed and run find on their second run what the
# first stored, with outputs byte-identical to uncached runs; overlapping corpora share vectors;
# two processes fill one cache at once; a process killed while writing leaves a cache the next
# run uses (same bytes); a file that is not a cache is refused by name and left alone;
# `cache stats` and `cache prune`.
source "$(dirname "$0")/lib.bash" "$@"
unset NSMLAB_EMBEDDING_CACHE  # lib.bash turns it off for the other tests
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
C=$TMP/cache.sqlite
python3 - "$TMP" <<'PY'
import random, sys
random.seed(11)
w = "le chat mange la souris dans une maison verte avec un homme qui pense que tu sais bien".split()
lines = [" ".join(random.choice(w) for _ in range(random.randint(1, 12))) for _ in range(80)]
open(sys.argv[1] + "/a.txt", "w").write("\n".join(lines[:50] + lines[:3]) + "\n")   # repeats inside
open(sys.argv[1] + "/b.txt", "w").write("\n".join(lines[30:80]) + "\n")              # 20 lines shared with a
PY
embed() { "$NSMLAB" embed --model "$model" --threads 1 --chunk-texts 8 "$@"; }
found() { grep -o "[0-9]* of [0-9]* texts found" "$1" | head -1; }
for f in a b; do embed --input "$TMP/$f.txt" --output "$TMP/$f.ref.npy" --no-cache 2>/dev/null; done
# Off by default for embed: nothing is created.
embed --input "$TMP/a.txt" --output "$TMP/a.off.npy" 2>/dev/null
[[ ! -e $TMP/no-cache/nsmlab/embeddings.sqlite ]] || fail "embed used the cache without --cache"

# First run fills (the 3 repeated lines are found in the last chunk), second finds everything; the bytes never change.
embed --input "$TMP/a.txt" --output "$TMP/a1.npy" --cache "$C" 2>"$TMP/err1"
[[ $(found "$TMP/err1") == "3 of 53 texts found" ]] || fail "first run: $(cat "$TMP/err1")"
embed --input "$TMP/a.txt" --output "$TMP/a2.npy" --cache "$C" --chunk-texts 5 2>"$TMP/err2"
[[ $(found "$TMP/err2") == "53 of 53 texts found" ]] || fail "second run: $(cat "$TMP/err2")"
cmp -s "$TMP/a1.npy" "$TMP/a.ref.npy" && cmp -s "$TMP/a2.npy" "$TMP/a.ref.npy" || fail "cached output differs"
# An overlapping corpus reuses the shared lines; other settings are another space.
embed --input "$TMP/b.txt" --output "$TMP/b1.npy" --cache "$C" 2>"$TMP/err3"
[[ $(found "$TMP/err3") == "20 of 50 texts found" ]] || fail "overlap: $(cat "$TMP/err3")"
cmp -s "$TMP/b1.npy" "$TMP/b.ref.npy" || fail "overlapping corpus: output differs"
embed --input "$TMP/a.txt" --output "$TMP/an.npy" --cache "$C" --normalize 2>"$TMP/err4"
[[ $(found "$TMP/err4") == "3 of 53 texts found" ]] || fail "--normalize must not reuse: $(cat "$TMP/err4")"
# The environment variable names the file (and turns the cache on).
NSMLAB_EMBEDDING_CACHE=$C embed --input "$TMP/b.txt" --output "$TMP/b2.npy" 2>"$TMP/err5"
[[ $(found "$TMP/err5") == "50 of 50 texts found" ]] || fail "NSMLAB_EMBEDDING_CACHE: $(cat "$TMP/err5")"

# stats: one model, two settings, 50 + 30 + 50 entries, the hits counted.
"$NSMLAB" cache stats --cache "$C" --json >"$TMP/stats.json"
[[ $(json_get "$TMP/stats.json" "['models']") == 1 && $(json_get "$TMP/stats.json" "['entries']") == 130 ]] \
  || fail "stats: $(cat "$TMP/stats.json")"
[[ $(json_get "$TMP/stats.json" "['hits']") == $((3 + 53 + 20 + 3 + 50)) ]] || fail "hits: $(cat "$TMP/stats.json")"
"$NSMLAB" cache stats --cache "$C" | grep -q "1 models, 2 settings, 130 entries" || fail "stats text"

# Two processes fill a fresh cache at once (half their lines shared), then find everything.
C2=$TMP/shared.sqlite
embed --input "$TMP/a.txt" --output "$TMP/pa.npy" --cache "$C2" --chunk-texts 3 2>"$TMP/pa.err" & pa=$!
embed --input "$TMP/b.txt" --output "$TMP/pb.npy" --cache "$C2" --chunk-texts 3 2>"$TMP/pb.err" & pb=$!
wait $pa || fail "concurrent writer a: $(cat "$TMP/pa.err")"
wait $pb || fail "concurrent writer b: $(cat "$TMP/pb.err")"
cmp -s "$TMP/pa.npy" "$TMP/a.ref.npy" && cmp -s "$TMP/pb.npy" "$TMP/b.ref.npy" || fail "concurrent writers' outputs differ"
embed --input "$TMP/a.txt" --output "$TMP/pa2.npy" --cache "$C2" 2>"$TMP/err6"
[[ $(found "$TMP/err6") == "53 of 53 texts found" ]] || fail "after concurrent writers: $(cat "$TMP/err6")"

# Killed inside a cache transaction and between commits (kill points, stream/kill_points.h:
# 1 opens the output; per chunk of 8, then 2 = before the cache's commit, 3 = after it, 4 to 6
# = the output's commit), and at a random moment: the next run works, finds what was committed
# (plus the 3 repeated lines) and gives the same bytes; so does --resume.
for at_found in 2:3 3:11 7:11 8:19; do
  at=${at_found%:*} C3=$TMP/killed$at.sqlite
  NSMLAB_TEST_KILL_AT=$at embed --input "$TMP/a.txt" --output "$TMP/k$at.npy" --cache "$C3" 2>/dev/null \
    && fail "kill point $at did not kill" || true
  embed --input "$TMP/a.txt" --output "$TMP/k$at.npy" --cache "$C3" --force 2>"$TMP/kerr"
  [[ $(found "$TMP/kerr") == "${at_found#*:} of 53 texts found" ]] || fail "after kill point $at: $(cat "$TMP/kerr")"
  cmp -s "$TMP/k$at.npy" "$TMP/a.ref.npy" || fail "after kill point $at: output differs"
done
NSMLAB_TEST_KILL_AT=13 embed --input "$TMP/a.txt" --output "$TMP/kr.npy" --cache "$TMP/kr.sqlite" 2>/dev/null \
  && fail "kill point 13 did not kill" || true
embed --input "$TMP/a.txt" --output "$TMP/kr.npy" --cache "$TMP/kr.sqlite" --resume 2>/dev/null
cmp -s "$TMP/kr.npy" "$TMP/a.ref.npy" || fail "--resume with the cache after a kill: output differs"
{ embed --input "$TMP/a.txt" --output "$TMP/k9.npy" --cache "$TMP/k9.sqlite" --chunk-texts 1 & } 2>/dev/null; pid=$!
sleep "0.$((RANDOM % 5 + 2))"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
rm -f "$TMP/k9.npy"
embed --input "$TMP/a.txt" --output "$TMP/k9.npy" --cache "$TMP/k9.sqlite" 2>/dev/null || fail "run after kill -9"
cmp -s "$TMP/k9.npy" "$TMP/a.ref.npy" || fail "after kill -9: output differs"
python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0]; sys.exit(r != 'ok')" \
  "$TMP/k9.sqlite" || fail "cache damaged by kill -9"

# Not a cache: refused by name, never changed.
printf 'my notes\n%.0s' {1..100} >"$TMP/notes.txt"
cp "$TMP/notes.txt" "$TMP/notes.orig"
expect_error "$TMP/notes.txt: not a usable nsmlab embedding cache" embed --input "$TMP/a.txt" --output "$TMP/x.npy" --cache "$TMP/notes.txt"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t(x)'); c.commit()" "$TMP/other.db"
cp "$TMP/other.db" "$TMP/other.orig"
expect_error "$TMP/other.db: an SQLite database that is not an nsmlab embedding cache" \
  "$NSMLAB" cache stats --cache "$TMP/other.db"
cmp -s "$TMP/notes.txt" "$TMP/notes.orig" && cmp -s "$TMP/other.db" "$TMP/other.orig" || fail "a foreign file was changed"
[[ ! -e $TMP/notes.txt-wal && ! -e $TMP/other.db-wal ]] || fail "a foreign file got a write-ahead log"

# prune: one model by SHA-256 prefix; by size; nothing asked is an error.
sha=$(json_get "$TMP/stats.json" "['spaces'][0]['model_sha256'][:12]")
expect_error "no model in the cache" "$NSMLAB" cache prune --cache "$C" --model 000000000000
expect_error "give --older-than, --max-size or --model" "$NSMLAB" cache prune --cache "$C"
"$NSMLAB" cache prune --cache "$C2" --max-size 1K | grep -q "removed 80 entries" || fail "prune --max-size"
"$NSMLAB" cache prune --cache "$C" --model "$sha" | grep -q "removed 130 entries and 2 model settings" || fail "prune --model"
[[ $("$NSMLAB" cache stats --cache "$C" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['entries'])") == 0 ]] \
  || fail "entries left after prune --model"

# run: on by default (under $XDG_CACHE_HOME/nsmlab); the second run finds every text and
# writes the same embeddings; --no-cache neither reads nor writes it.
run() { "$NSMLAB" run --model "$model" --no-plots --threads 1 --permutations 0 --bootstrap 0 --no-jackknife "$@"; }
run -o "$TMP/run1" >/dev/null 2>"$TMP/r1.err"
[[ -e $TMP/no-cache/nsmlab/embeddings.sqlite ]] || fail "run did not create the default cache"
grep -q " 0 of [0-9]* texts found" "$TMP/r1.err" || fail "run 1: $(cat "$TMP/r1.err")"
run -o "$TMP/run2" >/dev/null 2>"$TMP/r2.err"
grep -qE " ([0-9]+) of \1 texts found, 0 encoded" "$TMP/r2.err" || fail "run 2: $(cat "$TMP/r2.err")"
run -o "$TMP/run3" --no-cache >/dev/null 2>"$TMP/r3.err"
! grep -q "texts found" "$TMP/r3.err" || fail "--no-cache used the cache"
for f in primes.npy corpus.npy; do
  cmp -s "$TMP/run1/$f" "$TMP/run3/$f" && cmp -s "$TMP/run2/$f" "$TMP/run3/$f" || fail "run: $f differs with the cache"
done
exit 0
