#!/usr/bin/env bash
# The embedding cache with embed (docs/EMBED.md, "Cache"): the second run finds what the first
# stored, outputs byte-identical to uncached runs; overlapping corpora share vectors; other
# settings do not; a file that is not a cache is refused by name and left alone; `cache stats`
# and `cache prune`. (Kills and concurrent writers: embed_cache_kill.sh; run: run_cache.sh.)
source "$(dirname "$0")/lib.bash" "$@"
unset NSMLAB_EMBEDDING_CACHE  # lib.bash turns it off for the other tests
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
C=$TMP/cache.sqlite
python3 - "$TMP" <<'PY'
import random, sys
random.seed(11)
w = "le chat mange la souris dans une maison verte avec un homme qui pense que tu sais bien".split()
lines = []
while len(lines) < 80:  # 80 different lines
    l = " ".join(random.choice(w) for _ in range(random.randint(1, 12)))
    if l not in lines: lines.append(l)
open(sys.argv[1] + "/a.txt", "w").write("\n".join(lines[:50] + lines[:3]) + "\n")   # repeats inside
open(sys.argv[1] + "/b.txt", "w").write("\n".join(lines[30:80]) + "\n")              # 20 lines shared with a
PY
embed() { "$NSMLAB" embed --model "$model" --threads 1 "$@"; }
found() { grep -o "[0-9]* of [0-9]* texts found" "$1" | head -1; }
# References without the cache (off by default for embed: nothing is created).
embed --input "$TMP/a.txt" --output "$TMP/a.ref.npy" 2>/dev/null
embed --input "$TMP/b.txt" --output "$TMP/b.ref.npy" --no-cache 2>/dev/null
[[ ! -e $TMP/no-cache/nsmlab/embeddings.sqlite ]] || fail "embed used the cache without --cache"

# First run fills (the 3 repeated lines are found in the last chunk), second finds everything; the bytes never change.
embed --input "$TMP/a.txt" --output "$TMP/a1.npy" --cache "$C" --chunk-texts 8 2>"$TMP/err1"
[[ $(found "$TMP/err1") == "3 of 53 texts found" ]] || fail "first run: $(cat "$TMP/err1")"
embed --input "$TMP/a.txt" --output "$TMP/a2.npy" --cache "$C" --chunk-texts 5 2>"$TMP/err2"
[[ $(found "$TMP/err2") == "53 of 53 texts found" ]] || fail "second run: $(cat "$TMP/err2")"
cmp -s "$TMP/a1.npy" "$TMP/a.ref.npy" && cmp -s "$TMP/a2.npy" "$TMP/a.ref.npy" || fail "cached output differs"
# An overlapping corpus reuses the shared lines (the environment variable names the file and
# turns the cache on); other settings are another space.
NSMLAB_EMBEDDING_CACHE=$C embed --input "$TMP/b.txt" --output "$TMP/b1.npy" 2>"$TMP/err3"
[[ $(found "$TMP/err3") == "20 of 50 texts found" ]] || fail "overlap: $(cat "$TMP/err3")"
cmp -s "$TMP/b1.npy" "$TMP/b.ref.npy" || fail "overlapping corpus: output differs"
embed --input "$TMP/a.txt" --output "$TMP/an.npy" --cache "$C" --normalize 2>"$TMP/err4"
[[ $(found "$TMP/err4") == "0 of 53 texts found" ]] || fail "--normalize must not reuse: $(cat "$TMP/err4")"
# stats: one model, two settings, 80 + 50 entries, the hits counted.
"$NSMLAB" cache stats --cache "$C" --json >"$TMP/stats.json"
[[ $(json_get "$TMP/stats.json" "['models']") == 1 && $(json_get "$TMP/stats.json" "['entries']") == 130 ]] \
  || fail "stats: $(cat "$TMP/stats.json")"
[[ $(json_get "$TMP/stats.json" "['hits']") == $((3 + 53 + 20)) ]] || fail "hits: $(cat "$TMP/stats.json")"
"$NSMLAB" cache stats --cache "$C" | grep -q "1 models, 2 settings, 130 entries" || fail "stats text"

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
"$NSMLAB" cache prune --cache "$C" --model "$sha" --older-than 30d | grep -q "removed 0 entries" || fail "prune --model --older-than"
"$NSMLAB" cache prune --cache "$C" --max-size 1K | grep -q "removed 130 entries" || fail "prune --max-size"
"$NSMLAB" cache prune --cache "$C" --model "$sha" | grep -q "removed 0 entries and 2 model settings" || fail "prune --model"
[[ $("$NSMLAB" cache stats --cache "$C" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['entries'])") == 0 ]] \
  || fail "entries left after prune --model"

exit 0
