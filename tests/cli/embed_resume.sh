#!/usr/bin/env bash
# `embed --resume` after kills at random points (NSMLAB_TEST_KILL_AT: between any two steps of
# committing a chunk or finishing the output, and `kill -9` at a random moment) ends with bytes
# identical to an uninterrupted run's, for a single .npy and for a folder of shards.
# NSMLAB_RESUME_KILLS (default 4) sets how many interrupted runs are tried; raise it for a long soak.
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
kills=${NSMLAB_RESUME_KILLS:-4}
python3 - "$TMP/in.txt" <<'PY'
import random, sys
random.seed(7)
w = "le chat mange la souris dans une maison verte avec un homme qui pense que tu sais bien".split()
with open(sys.argv[1], "w") as f:
    for i in range(60):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(1, 12))) + "\n")
PY
embed() { "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --chunk-texts 9 --threads 1 "$@"; }
embed --output "$TMP/ref.npy" 2>/dev/null
embed --output "$TMP/ref/" 2>/dev/null
same() {  # same bytes: a file, or every file of a folder
  if [[ -d $1 ]]; then diff -r "$1" "$2" >/dev/null; else cmp -s "$1" "$2"; fi
}
RANDOM=12345
for ((i = 1; i <= kills; i++)); do
  if ((i % 2)); then out=$TMP/run$i.npy ref=$TMP/ref.npy; else out=$TMP/run$i/ ref=$TMP/ref/; fi
  # The first run dies at a random kill point; each --resume may die again, until one finishes.
  NSMLAB_TEST_KILL_AT=$((RANDOM % 30 + 1)) embed --output "$out" 2>/dev/null && finished=1 || finished=0
  for ((try = 0; !finished && try < 60; try++)); do
    rc=0
    NSMLAB_TEST_KILL_AT=$((RANDOM % 40 + 1)) embed --output "$out" --resume 2>"$TMP/err" || rc=$?
    [[ $rc == 0 ]] && finished=1
    [[ $rc == 0 || $rc == 137 ]] || fail "resume $i exited $rc: $(cat "$TMP/err")"
  done
  ((finished)) || fail "run $i never finished"
  same "${out%/}" "${ref%/}" || fail "run $i ($out) differs from the uninterrupted run"
  [[ ! -e ${out%/}.nsmlab-journal && ! -e ${out%/}.nsmlab-partial ]] || fail "run $i left its journal"
done
# kill -9 at a random moment (whatever the process was doing), then --resume.
out=$TMP/killed.npy
# exec: $! must be nsmlab itself, not a subshell running the function (killing that would leave
# nsmlab writing while the --resume below starts).
(exec "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --chunk-texts 9 --threads 1 --output "$out" 2>/dev/null) &
pid=$!
sleep "0.$((RANDOM % 9 + 1))"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true  # (bash reports the kill on its own stderr)
[[ -e $out && ! -e $out.nsmlab-journal ]] || embed --output "$out" --resume 2>/dev/null
cmp -s "$out" "$TMP/ref.npy" || fail "resume after kill -9 differs"
# The user's name never holds a half-written file; a journal from other settings is refused.
NSMLAB_TEST_KILL_AT=5 embed --output "$TMP/half.npy" 2>/dev/null && fail "kill point 5 did not kill" || true
[[ ! -e $TMP/half.npy ]] || fail "a killed run left a file under the output's name"
expect_error "other settings" embed --output "$TMP/half.npy" --resume --normalize
expect_error "--resume continues it" embed --output "$TMP/half.npy"
embed --output "$TMP/half.npy" --force 2>/dev/null
cmp -s "$TMP/half.npy" "$TMP/ref.npy" || fail "--force after a kill"
exit 0
