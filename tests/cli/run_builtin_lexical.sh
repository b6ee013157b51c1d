#!/usr/bin/env bash
# `nsmlab run` with no model on the machine: the whole pipeline on the lexical baseline,
# every output file present, the baseline clearly announced.
source "$(dirname "$0")/lib.bash" "$@"
out=$TMP/out
"$NSMLAB" run -o "$out" --permutations 50 --bootstrap 50 > "$TMP/stdout"
for f in results.json primes.npy corpus.npy tsne.png tsne.svg squares.png squares.svg isotopies.png report.html report.md; do
  [[ -s $out/$f ]] || fail "missing $f"
done
grep -q "LEXICAL BASELINE" "$TMP/stdout" || fail "terminal does not announce the lexical baseline"
grep -q "LEXICAL BASELINE" "$out/report.html" || fail "report does not announce the lexical baseline"
[[ $(json_get "$out/results.json" "['schema']") == nsmlab.results/1 ]] || fail schema
[[ $(json_get "$out/results.json" "['metadata']['model']['kind']") == lexical ]] || fail kind
[[ $(json_get "$out/results.json" "['h1']['n']") == 65 ]] || fail "H1 should embed the 65 primes"
head -c 6 "$out/primes.npy" | grep -q NUMPY || fail "primes.npy is not .npy"
ls "$TMP" | grep -q '\.tmp-' && fail "temporary folder left behind"
exit 0
