#!/usr/bin/env bash
# `mpirun -np N nsmlab embed --output DIR/` writes the same bytes as one process, for 1, 2 and 3
# ranks (loopback, --oversubscribe); a rank killed mid-run (NSMLAB_TEST_KILL_AT on that rank
# only) ends the job, and --resume with any number of ranks encodes only the missing chunks.
# NSMLAB_MPI_TEST_ALL=1 adds the 1-rank run. Skipped, saying so, where mpirun is missing or nsmlab was built without MPI.
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
args=(embed --model "$model" --input "$TMP/in.txt" --chunk-texts 9 --threads 1)
mpi() { timeout 300 mpirun --oversubscribe --bind-to none "$@"; }
"$NSMLAB" "${args[@]}" --output "$TMP/one/" 2>/dev/null
if ! mpi -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/np2/" 2>"$TMP/err"; then
  grep -q "built without MPI" "$TMP/err" && { echo "SKIP: nsmlab built without MPI"; exit 0; }
  fail "mpirun -np 2: $(cat "$TMP/err")"
fi
diff -r "$TMP/one" "$TMP/np2" >/dev/null || fail "2 ranks differ from one process"
mpi -np 3 "$NSMLAB" "${args[@]}" --output "$TMP/np3/" 2>/dev/null
diff -r "$TMP/one" "$TMP/np3" >/dev/null || fail "3 ranks differ from one process"
if [[ ${NSMLAB_MPI_TEST_ALL:-0} == 1 ]]; then  # 1 rank under mpirun runs the one-process path: a slow check
  mpi -np 1 "$NSMLAB" "${args[@]}" --output "$TMP/np1/" 2>/dev/null
  diff -r "$TMP/one" "$TMP/np1" >/dev/null || fail "1 rank under mpirun differs from one process"
fi
# Rank 1 dies after committing its second shard; the job ends; --resume on 3 ranks completes it.
if mpi -np 1 "$NSMLAB" "${args[@]}" --output "$TMP/dead/" : -np 1 -x NSMLAB_TEST_KILL_AT=4 "$NSMLAB" "${args[@]}" \
  --output "$TMP/dead/" >/dev/null 2>&1; then fail "the job with a killed rank succeeded"; fi
[[ ! -e $TMP/dead/manifest.json ]] || fail "a manifest was written although a rank died"
mpi -np 3 "$NSMLAB" "${args[@]}" --output "$TMP/dead/" --resume 2>/dev/null
diff -r "$TMP/one" "$TMP/dead" >/dev/null || fail "resumed after a dead rank: differs from one process"
expect_error "folder of shards" mpi -np 2 "$NSMLAB" "${args[@]}" --output "$TMP/x.npy"
exit 0
