#!/usr/bin/env bash
# `mpirun -np N nsmlab corpus-h3 --embeddings DIR/` (H3's PCA and isotopy correlations from sums
# reduced over the ranks, no rank holding the corpus) gives the numbers of one process to 1e-9
# for 3 ranks (and 2 with NSMLAB_MPI_TEST_ALL=1; loopback, --oversubscribe). The one-process numbers equal run_h3's
# (tests/corpus/corpus_h3_test.cpp). Without mpirun or MPI only the one-process run is checked.
source "$(dirname "$0")/lib.bash" "$@"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # containers run tests as root
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
python3 - "$TMP/in.txt" <<'PY'
import random, sys
random.seed(11)
w = "i not want know think good bad say tell fine house river blue walk the a of".split()
with open(sys.argv[1], "w") as f:
    for i in range(120):
        f.write(" ".join(random.choice(w) for _ in range(random.randint(2, 8))) + "\n")
PY
"$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --chunk-texts 16 --threads 1 --output "$TMP/emb/" 2>/dev/null
h3=(corpus-h3 --embeddings "$TMP/emb" --language en --components 6)
"$NSMLAB" "${h3[@]}" --output "$TMP/one.json" 2>/dev/null
# Same numbers to 1e-9 (every number in the JSON; strings and booleans equal).
same() {
  python3 - "$1" "$2" <<'PY'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def cmp(x, y, at):
    if isinstance(x, float) or isinstance(y, float):
        assert isinstance(x, (int, float)) and isinstance(y, (int, float)), at
        assert (math.isnan(x) and math.isnan(y)) or abs(x - y) <= 1e-9, f"{at}: {x} vs {y}"
    elif isinstance(x, dict):
        assert x.keys() == y.keys(), at
        for k in x: cmp(x[k], y[k], f"{at}.{k}")
    elif isinstance(x, list):
        assert len(x) == len(y), at
        for i, (u, v) in enumerate(zip(x, y)): cmp(u, v, f"{at}[{i}]")
    else:
        assert x == y, f"{at}: {x!r} vs {y!r}"
cmp(a, b, "h3")
analysed = [i for i in a["isotopies"] if not i["skipped"]]
assert len(analysed) >= 4 and a["n_sentences"] == 120, (len(analysed), a["n_sentences"])
PY
}
one_only() {  # no MPI here: the one-process output is still checked (python starts slowly: once)
  same "$TMP/one.json" "$TMP/one.json" || fail "the one-process output lacks analysed isotopies"
  echo "SKIP (mpirun part): $1"
  exit 0
}
command -v mpirun >/dev/null || one_only "no mpirun"
mpi() { timeout 300 mpirun --oversubscribe --bind-to none "$@"; }
if ! mpi -np 3 "$NSMLAB" "${h3[@]}" --output "$TMP/np3.json" 2>"$TMP/err"; then
  grep -q "built without MPI" "$TMP/err" && one_only "nsmlab built without MPI"
  fail "mpirun -np 3: $(cat "$TMP/err")"
fi
grep -q "by 3 ranks" "$TMP/err" || fail "not run by 3 ranks: $(cat "$TMP/err")"
same "$TMP/one.json" "$TMP/np3.json" || fail "3 ranks (shards 3, 3, 2) differ from one process"
if [[ ${NSMLAB_MPI_TEST_ALL:-0} == 1 ]]; then  # one mpirun by default, to stay quick
  mpi -np 2 "$NSMLAB" "${h3[@]}" --output "$TMP/np2.json" 2>/dev/null
  same "$TMP/one.json" "$TMP/np2.json" || fail "2 ranks differ from one process"
fi
exit 0
