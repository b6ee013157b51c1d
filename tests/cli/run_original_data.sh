#!/usr/bin/env bash
# The researchers' original data runs as it is, and through `nsmlab import`; the square
# naming the unknown prime APRES is reported and skipped, never a crash.
source "$(dirname "$0")/lib.bash" "$@"
data=$SHARED/reference/panini_reference_data.json
[[ -f $data ]] || { echo "no $data: skipped"; exit 0; }
"$NSMLAB" run --dataset "$data" --lexical -o "$TMP/a" --permutations 20 --bootstrap 20 > "$TMP/stdout" 2>&1
grep -q "APRES" "$TMP/stdout" || fail "the skipped APRES square is not reported"
[[ $(json_get "$TMP/a/results.json" "['h1']['n']") == 54 ]] || fail "54 primes expected"
[[ $(json_get "$TMP/a/results.json" "['h2']['analysed']") == 19 ]] || fail "19 analysable squares expected"
"$NSMLAB" import "$data" "$TMP/native.json" > /dev/null
"$NSMLAB" run --dataset "$TMP/native.json" --lexical -o "$TMP/b" --permutations 20 --bootstrap 20 > /dev/null 2>&1
[[ $(json_get "$TMP/a/results.json" "['h2']['rate']") == $(json_get "$TMP/b/results.json" "['h2']['rate']") ]] \
  || fail "imported dataset gives different results"
exit 0
