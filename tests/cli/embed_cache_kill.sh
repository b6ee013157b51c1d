#!/usr/bin/env bash
# The embedding cache under stress (docs/EMBED.md, "Cache"): two embed processes fill one cache
# at once; a process killed inside or between the cache's transactions leaves a cache the next
# run (or --resume) uses, with outputs byte-identical to an uncached run's.
source "$(dirname "$0")/lib.bash" "$@"
unset NSMLAB_EMBEDDING_CACHE  # lib.bash turns it off for the other tests
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
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
for f in a b; do embed --input "$TMP/$f.txt" --output "$TMP/$f.ref.npy" --no-cache 2>/dev/null; done
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
for at_found in 2:3 3:11 8:19; do
  at=${at_found%:*} C3=$TMP/killed$at.sqlite
  NSMLAB_TEST_KILL_AT=$at embed --input "$TMP/a.txt" --output "$TMP/k$at.npy" --cache "$C3" --chunk-texts 8 2>/dev/null \
    && fail "kill point $at did not kill" || true
  embed --input "$TMP/a.txt" --output "$TMP/k$at.npy" --cache "$C3" --chunk-texts 8 --force 2>"$TMP/kerr"
  [[ $(found "$TMP/kerr") == "${at_found#*:} of 53 texts found" ]] || fail "after kill point $at: $(cat "$TMP/kerr")"
  cmp -s "$TMP/k$at.npy" "$TMP/a.ref.npy" || fail "after kill point $at: output differs"
done
NSMLAB_TEST_KILL_AT=13 embed --input "$TMP/a.txt" --output "$TMP/kr.npy" --cache "$TMP/kr.sqlite" --chunk-texts 8 2>/dev/null \
  && fail "kill point 13 did not kill" || true
embed --input "$TMP/a.txt" --output "$TMP/kr.npy" --cache "$TMP/kr.sqlite" --chunk-texts 8 --resume 2>/dev/null
cmp -s "$TMP/kr.npy" "$TMP/a.ref.npy" || fail "--resume with the cache after a kill: output differs"
# (the binary itself in the background: killing a subshell running a function would leave it running)
"$NSMLAB" embed --model "$model" --threads 1 --input "$TMP/a.txt" --output "$TMP/k9.npy" --cache "$TMP/k9.sqlite" \
  --chunk-texts 1 2>/dev/null & pid=$!
sleep "0.$((RANDOM % 5 + 2))"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
embed --input "$TMP/a.txt" --output "$TMP/k9.npy" --cache "$TMP/k9.sqlite" --force 2>/dev/null || fail "run after kill -9"
cmp -s "$TMP/k9.npy" "$TMP/a.ref.npy" || fail "after kill -9: output differs"
python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0]; sys.exit(r != 'ok')" \
  "$TMP/k9.sqlite" || fail "cache damaged by kill -9"

exit 0
