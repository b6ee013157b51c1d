#!/usr/bin/env bash
# `mpirun -np N nsmlab embed --output DIR/` (loopback, --oversubscribe): rank 2 of 3 (dynamic
# schedule) is killed before its first commit (NSMLAB_TEST_KILL_AT on that rank only); the others
# commit every other chunk and rank 0 names the lost rank and its missing chunks; --resume on 2
# ranks (static schedule) encodes only them, and the folder equals a one-process run's byte for
# byte (so the shards of both schedules do). Two mpiruns, to stay quick: NSMLAB_MPI_TEST_ALL=1
# adds whole runs on 1, 2 and 3 ranks with both schedules, mpirun's default abort on a death and a
# refused file output. Skipped, saying so, where mpirun is missing or nsmlab was built without MPI.
source "$(dirname "$0")/lib.bash" "$@"
command -v mpirun >/dev/null || { echo "SKIP: no mpirun"; exit 0; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # containers run tests as root
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
python3 - "$TMP/in.txt" <<'PY'
import random, sys
random.seed(5)
w = "un deux trois soleil maison pense sait voir grand petit".split()
with open(sys.argv[1], "w") as f:
    for i in range(80):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(1, 9))) + "\n")
PY
args=(embed --model "$model" --input "$TMP/in.txt" --chunk-texts 3 --threads 1)
mpi() { timeout 300 mpirun --oversubscribe --bind-to none "$@"; }
"$NSMLAB" "${args[@]}" --output "$TMP/one/" 2>/dev/null
# Rank 2 dies before committing its first chunk. With orte_abort_on_non_zero_status=0 mpirun lets
# the others go on: they finish, rank 0 names the lost rank and its missing chunks and fails.
if mpi --mca orte_abort_on_non_zero_status 0 -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/dead/" : \
  -np 1 -x NSMLAB_TEST_KILL_AT=1 "$NSMLAB" "${args[@]}" --output "$TMP/dead/" >/dev/null 2>"$TMP/err"; then
  fail "the job with a killed rank succeeded"
fi
grep -q "built without MPI" "$TMP/err" && { echo "SKIP: nsmlab built without MPI"; exit 0; }
grep -q "rank 2 was lost: its process (pid [0-9]* on .*) ended" "$TMP/err" || fail "lost rank not named: $(cat "$TMP/err")"
missing=$(grep -o "rank 2: chunks\? [0-9, ]*" "$TMP/err" | sed 's/rank 2: chunks\? //') || fail "no missing chunks: $(cat "$TMP/err")"
for k in ${missing//,/ }; do
  [[ ! -e $TMP/dead/$(printf 'shard-%06d.npy' "$k") ]] || fail "chunk $k reported missing but its shard is there"
done
[[ $(ls "$TMP/dead" | grep -c '^shard-') == $((27 - $(wc -w <<<"${missing//,/ }"))) ]] || fail "the others did not finish"
[[ ! -e $TMP/dead/manifest.json ]] || fail "a manifest was written although chunks are missing"
mpi -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/dead/" --resume --schedule static 2>"$TMP/err"
grep -q "rank 0 encoded" "$TMP/err" || fail "resume: $(cat "$TMP/err")"
diff -r "$TMP/one" "$TMP/dead" >/dev/null || fail "resumed after a lost rank: differs from one process"
if [[ ${NSMLAB_MPI_TEST_ALL:-0} == 1 ]]; then  # slower checks: whole runs on 1, 2, 3 ranks, mpirun's default abort, a file output
  mpi -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/np2/" 2>/dev/null
  diff -r "$TMP/one" "$TMP/np2" >/dev/null || fail "2 ranks (dynamic schedule) differ from one process"
  mpi -np 3 "$NSMLAB" "${args[@]}" --output "$TMP/np3/" --schedule static 2>/dev/null
  diff -r "$TMP/one" "$TMP/np3" >/dev/null || fail "3 ranks (static schedule) differ from one process"
  mpi -np 1 "$NSMLAB" "${args[@]}" --output "$TMP/np1/" 2>/dev/null
  diff -r "$TMP/one" "$TMP/np1" >/dev/null || fail "1 rank under mpirun differs from one process"
  mpi -np 3 "$NSMLAB" "${args[@]}" --output "$TMP/np3d/" 2>/dev/null
  diff -r "$TMP/one" "$TMP/np3d" >/dev/null || fail "3 ranks (dynamic schedule) differ from one process"
  mpi -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/np2s/" --schedule static 2>/dev/null
  diff -r "$TMP/one" "$TMP/np2s" >/dev/null || fail "2 ranks (static schedule) differ from one process"
  # By default mpirun ends the whole job when a rank dies; --resume completes it.
  if mpi -np 1 "$NSMLAB" "${args[@]}" --output "$TMP/abort/" : -np 1 -x NSMLAB_TEST_KILL_AT=4 "$NSMLAB" "${args[@]}" \
    --output "$TMP/abort/" >/dev/null 2>&1; then fail "the job with a killed rank succeeded"; fi
  mpi -np 3 "$NSMLAB" "${args[@]}" --output "$TMP/abort/" --resume 2>/dev/null
  diff -r "$TMP/one" "$TMP/abort" >/dev/null || fail "resumed after mpirun's abort: differs from one process"
  expect_error "folder of shards" mpi -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/x.npy"
fi
exit 0
